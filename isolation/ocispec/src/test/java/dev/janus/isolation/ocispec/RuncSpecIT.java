package dev.janus.isolation.ocispec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.cri.api.Capability;
import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Int64Value;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.SecurityProfile;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ImageRuntimeConfig;
import dev.janus.isolation.PodFiles;
import dev.janus.isolation.SandboxSpec;
import dev.janus.isolation.ocispec.model.OciJson;
import dev.janus.isolation.ocispec.model.OciSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs built specs with the host's real runc on a busybox rootfs and checks what a user would:
 * identity, capabilities, masking, a read-only root, seccomp, and a container joining its pause
 * process's namespaces. Needs root, runc, a static busybox and catatonit; skips otherwise.
 */
class RuncSpecIT {

    private static final Path RUNC = Path.of("/usr/sbin/runc");
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path CATATONIT = Path.of("/usr/bin/catatonit");
    private static final List<String> APPLETS = List.of("sh", "id", "cat", "touch", "readlink", "hostname",
            "wc", "grep", "true", "unshare", "echo");

    @TempDir
    Path tmp;
    private Path runcRoot;
    private Path rootfs;
    private PodFiles podFiles;
    private OciSpecBuilder builder;
    private final String parent = "janus-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> started = new ArrayList<>();

    @BeforeAll
    static void needsRootAndRunc() throws IOException {
        assumeTrue(Files.isExecutable(RUNC), "runc is not installed");
        assumeTrue(Files.isExecutable(BUSYBOX) && Files.isExecutable(CATATONIT), "busybox-static or catatonit missing");
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "needs root");
    }

    @BeforeEach
    void prepare() throws IOException {
        runcRoot = Files.createDirectories(tmp.resolve("runc"));
        rootfs = Fixtures.rootfs(tmp.resolve("rootfs"),
                "root:x:0:0:root:/root:/bin/sh\nweb:x:1000:1000::/home/web:/bin/sh\n",
                "root:x:0:\nweb:x:1000:web\nstaff:x:50000:web\n");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Path pod = Files.createDirectories(tmp.resolve("pod"));
        podFiles = new PodFiles(Files.writeString(pod.resolve("hosts"), "127.0.0.1 localhost\n"),
                Files.writeString(pod.resolve("resolv.conf"), "nameserver 127.0.0.1\n"),
                Files.writeString(pod.resolve("hostname"), "web-0\n"));
        Files.createDirectories(pod.resolve("shm"));
        HostProbe probe = HostProbe.host();
        builder = new OciSpecBuilder(probe.limits(), probe.features(false), DevDirectory.host());
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : started) {
            exec(List.of(RUNC.toString(), "--root", runcRoot.toString(), "delete", "-f", id), null);
        }
        // runc removes each container's cgroup, not the test's parent: remove it in every hierarchy.
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path dir = h.resolve(parent);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> children = Files.list(dir)) {
                        for (Path c : children.filter(Files::isDirectory).toList()) {
                            Files.deleteIfExists(c);
                        }
                    }
                    Files.deleteIfExists(dir);
                }
            }
        }
    }

    @Test
    void userAndSupplementaryGroups() throws Exception {
        Result r = runContainer("ids", List.of("sh", "-c", "id -u; id -g; id -G"), sc -> sc
                .setRunAsUser(Int64Value.newBuilder().setValue(1000)).addSupplementalGroups(1234));
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("1000", "1000", "1000 1234 50000"), r.out().lines().toList());
    }

    @Test
    void droppedCapabilityIsNotEffective() throws Exception {
        Result r = runContainer("caps", List.of("grep", "CapEff", "/proc/self/status"), sc -> sc
                .setCapabilities(Capability.newBuilder().addDropCapabilities("CHOWN")));
        assertEquals(0, r.exit(), r.err());
        long capEff = Long.parseUnsignedLong(r.out().trim().split("\\s+")[1], 16);
        assertEquals(0, capEff & 1, "CAP_CHOWN (bit 0) was dropped");
        assertNotEquals(0, capEff & (1L << 10), "CAP_NET_BIND_SERVICE (bit 10) is a default");
    }

    @Test
    void maskedPathReadsEmpty() throws Exception {
        List<String> count = List.of("sh", "-c", "wc -c < /proc/timer_list");
        Result masked = runContainer("mask", count, sc -> { });
        assertEquals(0, masked.exit(), masked.err());
        assertEquals("0", masked.out().trim());
        // the same file with another mask list: the kernel's content shows
        Result open = runContainer("nomask", count, sc -> sc.addMaskedPaths("/proc/keys"));
        assertEquals(0, open.exit(), open.err());
        assertTrue(Long.parseLong(open.out().trim()) > 0, open.out());
    }

    @Test
    void readOnlyRootfsRefusesWrites() throws Exception {
        Result r = runContainer("ro", List.of("touch", "/new-file"), sc -> sc.setReadonlyRootfs(true));
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("Read-only file system"), r.err());
    }

    @Test
    void runtimeDefaultSeccompBlocksUserNamespaces() throws Exception {
        Result open = runContainer("unconfined", List.of("unshare", "-U", "true"), sc -> { });
        assumeTrue(open.exit() == 0, "this kernel refuses user namespaces anyway: " + open.err());
        Result r = runContainer("confined", List.of("sh", "-c", "grep '^Seccomp:' /proc/self/status; unshare -U true"),
                sc -> sc.setSeccomp(SecurityProfile.newBuilder().setProfileType(SecurityProfile.ProfileType.RuntimeDefault)));
        assertTrue(r.out().matches("(?s)Seccomp:\\s+2.*"), r.out());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("Operation not permitted"), r.err());
    }

    @Test
    void containerJoinsThePauseProcesssNamespaces() throws Exception {
        PodSandboxConfig pod = Fixtures.pod().build();
        Path pauseRoot = Files.createDirectories(tmp.resolve("pause-rootfs"));
        BuiltSpec pause = builder.sandbox(new SandboxInputs(new SandboxSpec("pause", pod, null, podFiles, ""),
                pauseRoot, CATATONIT, cgroupsPath("pause"), tmp.resolve("pod/shm"), List.of()));
        Result started = start("pause", pause.spec());
        assertEquals(0, started.exit(), started.err());
        long pid = new ObjectMapper().readTree(exec(List.of(RUNC.toString(), "--root", runcRoot.toString(),
                "state", "pause"), null).out()).get("pid").asLong();
        String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').trim();
        assertEquals("/pause -P", cmdline);

        ContainerInputs in = containerInputs("joined", List.of("sh", "-c",
                "readlink /proc/self/ns/uts; readlink /proc/self/ns/net; readlink /proc/self/ns/ipc; hostname"),
                sc -> sc.setNamespaceOptions(NamespaceOption.newBuilder().setPid(NamespaceMode.CONTAINER)));
        in = new ContainerInputs(in.spec(), in.rootfs(), PodNamespaces.ofProcess(pid), null, in.cgroupsPath(),
                in.podShm(), List.of());
        Result r = run("joined", builder.container(in).spec());
        assertEquals(0, r.exit(), r.err());
        List<String> expected = new ArrayList<>();
        for (String ns : List.of("uts", "net", "ipc")) {
            expected.add(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + ns)).toString());
        }
        expected.add("web-0");
        assertEquals(expected, r.out().lines().toList());
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString(), expected.get(0));
    }

    private Result runContainer(String id, List<String> command,
            Consumer<LinuxContainerSecurityContext.Builder> security) throws Exception {
        return run(id, builder.container(containerInputs(id, command, security)).spec());
    }

    private ContainerInputs containerInputs(String id, List<String> command,
            Consumer<LinuxContainerSecurityContext.Builder> security) {
        ContainerConfig cfg = Fixtures.container(security).addAllCommand(command).build();
        ImageRuntimeConfig image = new ImageRuntimeConfig("", List.of(), List.of(), List.of(), "", "");
        ContainerSpec spec = new ContainerSpec(id, "pause", cfg, Fixtures.pod().build(), image, "busybox",
                List.of(), tmp.resolve(id + ".log"), podFiles);
        return new ContainerInputs(spec, rootfs, PodNamespaces.host(), null, cgroupsPath(id),
                tmp.resolve("pod/shm"), List.of());
    }

    private String cgroupsPath(String id) {
        return "/" + parent + "/" + id;
    }

    private Result run(String id, OciSpec spec) throws Exception {
        started.add(id);
        return exec(List.of(RUNC.toString(), "--root", runcRoot.toString(), "run", "-b", bundle(id, spec).toString(), id),
                null);
    }

    /** Detached: the pause process keeps running; its stdio goes to a file so nothing blocks on it. */
    private Result start(String id, OciSpec spec) throws Exception {
        started.add(id);
        return exec(List.of(RUNC.toString(), "--root", runcRoot.toString(), "run", "-d", "-b",
                bundle(id, spec).toString(), id), tmp.resolve(id + ".stdio").toFile());
    }

    private Path bundle(String id, OciSpec spec) throws IOException {
        Path bundle = Files.createDirectories(tmp.resolve("bundles").resolve(id));
        Files.write(bundle.resolve("config.json"), OciJson.write(spec));
        return bundle;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result exec(List<String> argv, File stdio) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path err = Files.createTempFile("runc", ".err");
        pb.redirectError(err.toFile());
        if (stdio != null) {
            pb.redirectOutput(stdio);
        }
        Process p = pb.start();
        String out = stdio == null ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + argv);
        }
        String errText = Files.readString(err);
        Files.delete(err);
        return new Result(p.exitValue(), out, errText);
    }
}
