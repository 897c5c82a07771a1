package dev.janus.isolation.uvm.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The real utility VM image, built by deploy/uvm/build-image.sh, with the test's GuestProbe as
 * its agent: the kernel, modules, jlink'd runtime and /init are the production ones. Built once
 * and cached by the builder (it skips the work when its inputs are unchanged).
 */
public final class ProbeImage {

    public static final String PROBE_CLASS = "dev/janus/isolation/uvm/vm/GuestProbe.class";
    private static final FileTime FIXED = FileTime.fromMillis(1_700_000_000_000L);

    /** Where the build put the kernel and initrd. */
    public record Image(Path kernel, Path initrd, Path properties) {
    }

    private ProbeImage() {
    }

    public static Image ensure() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        Path builder = module.resolve("../../deploy/uvm/build-image.sh").normalize();
        assumeTrue(Files.isExecutable(builder), "no " + builder);
        Path out = Path.of(System.getProperty("user.home"), ".cache/janus-uvm/probe-image");
        Path jar = probeJar(module.resolve("target/guest-probe.jar"));
        String log = ItHost.run(builder.toString(), "--agent", jar.toString(), "--out", out.toString());
        if (!Files.isRegularFile(out.resolve("initrd.img")) || !log.contains("total")) {
            throw new AssertionError("the image build failed:\n" + log);
        }
        System.out.println(log.strip());
        return new Image(out.resolve("vmlinux"), out.resolve("initrd.img"), out.resolve("image.properties"));
    }

    /** GuestProbe alone in a runnable jar, byte-identical from run to run (the builder hashes it). */
    private static Path probeJar(Path jar) throws IOException {
        Path classFile = Path.of("target/test-classes").resolve(PROBE_CLASS);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.janus.isolation.uvm.vm.GuestProbe");
        Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setLastModifiedTime(FIXED);
            out.putNextEntry(manifestEntry);
            manifest.write(out);
            JarEntry entry = new JarEntry(PROBE_CLASS);
            entry.setLastModifiedTime(FIXED);
            out.putNextEntry(entry);
            out.write(Files.readAllBytes(classFile));
        }
        if (Files.exists(jar) && java.util.Arrays.equals(Files.readAllBytes(jar), Files.readAllBytes(partial))) {
            Files.delete(partial);
        } else {
            Files.move(partial, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return jar;
    }
}
