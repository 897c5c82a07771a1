package dev.janus.isolation.uvm;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The utility VM image every pod of a handler boots, as deploy/uvm/build-image.sh leaves it:
 * the uncompressed kernel, the initrd (busybox, crun, the jlink'd agent) and their properties.
 *
 * @param kernelRelease the guest's {@code uname -r}; seccomp profiles are filtered by it
 */
public record VmImage(Path kernel, Path initrd, String kernelRelease) {

    static final String BUILD_COMMAND = "deploy/uvm/build-image.sh";

    /** The image in {@code dir}, or empty when it is not (completely) built there. */
    public static Optional<VmImage> in(Path dir) {
        Path kernel = dir.resolve("vmlinux");
        Path initrd = dir.resolve("initrd.img");
        Path properties = dir.resolve("image.properties");
        if (!Files.isRegularFile(kernel) || !Files.isRegularFile(initrd) || !Files.isRegularFile(properties)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(properties)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new VmImage(kernel, initrd, p.getProperty("kernel.release", "")));
    }

    /** Why there is no image in {@code dir}, naming the command that builds it. */
    static String missing(Path dir) {
        return "the utility VM image is not built in " + dir + " (vmlinux, initrd.img, image.properties): run "
                + BUILD_COMMAND + " --out " + dir + ", or set the handler's imageDir option";
    }
}
