package dev.janus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Capability;
import dev.janus.cri.api.ContainerStats;
import dev.janus.cri.api.ContainerStatsRequest;
import dev.janus.cri.api.ExecRequest;
import dev.janus.cri.api.Int64Value;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxStats;
import dev.janus.cri.api.PodSandboxStatsRequest;
import dev.janus.e2e.streaming.RemoteCommandClient;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import dev.janus.cri.api.ContainerState;
import dev.janus.cri.api.ContainerStatus;
import dev.janus.cri.api.ExecSyncResponse;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.PodSandboxState;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemoveContainerRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.cri.api.WindowsContainerConfig;
import dev.janus.cri.api.WindowsContainerResources;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * linux-vm pods for real: QEMU (TCG on our machines) boots the utility VM image per pod. Two VM
 * pods and one runc pod serve every test (a VM boot costs 10-50 s here), in this order: the
 * guest's own kernel and boot id, exec and logs, stop and remove, a container config shaped as a
 * Windows kubelet sends it, the pod network both ways, janusd killed and restarted, and last a
 * VM whose QEMU is killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmPodIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(60);
    /** What makes an identity: the ids, the groups, no_new_privs and the capability sets. */
    private static final String SHOW_IDENTITY =
            "grep -E '^(Uid|Gid|Groups|NoNewPrivs|CapInh|CapPrm|CapEff|CapBnd|CapAmb):' /proc/self/status";
    private static final RemoteCommandClient.Streams TERMINAL = new RemoteCommandClient.Streams(true, true, false,
            true);
    private static final String CGROUP_PARENT = "/janus-e2e-" + ProcessHandle.current().pid() + "/pod-vm-b";
    private static final long POD_MEMORY_LIMIT = 192L << 20;
    private static final Executor BOOTS = Executors.newVirtualThreadPerTaskExecutor();
    private static final String WEB = "mkdir -p /www; echo from-$(hostname) > /www/index.html; "
            + "uname -r; cat /proc/sys/kernel/random/boot_id; exec httpd -f -p 8080 -h /www";

    private JanusdFixture fixture;
    private VmPods pods;
    private VmPods.Pod vmA;
    private VmPods.Pod vmB;
    private VmPods.Pod runc;
    private String webA;
    private String webB;
    private String webRunc;

    @BeforeAll
    void start() throws Exception {
        JanusdFixture.assumeHost();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")),
                "needs qemu-system-x86_64 (apt-get install qemu-system-x86)");
        var problem = UvmImage.build(JanusdFixture.topOfCheckout());
        Assumptions.assumeTrue(problem.isEmpty(), () -> "no utility VM image: " + problem.orElse(""));
        fixture = JanusdFixture.start("vmpod", 31, List.of());
        pods = new VmPods(fixture);
        try (CriClient cri = fixture.client()) {
            cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder()
                    .setImage(fixture.image())).build());
        }
        // two boots at once: less wall time than one after the other
        var a = CompletableFuture.supplyAsync(() -> pods.run("vm-a", VmPods.HANDLER), BOOTS);
        var b = CompletableFuture.supplyAsync(() -> pods.run("vm-b", VmPods.HANDLER, VmPodIT::limitedUnderAParent),
                BOOTS);
        runc = pods.run("runc-r", "");
        vmA = a.join();
        vmB = b.join();
        webA = pods.start(vmA, "web", WEB);
        webB = pods.start(vmB, "web", WEB);
        webRunc = pods.start(runc, "web", WEB);
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture == null) {
            return;
        }
        try {
            for (VmPods.Pod pod : new VmPods.Pod[] {vmA, vmB, runc}) {
                if (pod != null) {
                    pods.remove(pod);
                }
            }
            String qemus = Checks.run("pgrep", "-af", "qemu-system");
            for (VmPods.Pod pod : new VmPods.Pod[] {vmA, vmB}) {
                if (pod != null) {
                    assertFalse(qemus.contains("janus-" + pod.id()), "the VM of " + pod.id() + " is still running");
                    assertFalse(Files.exists(fixture.janusd().state().resolve("uvm/linux-vm")
                            .resolve(pod.id().substring(0, 16))), "VM directory left");
                }
            }
            if (vmB != null) {
                Path vmCgroup = Path.of("/sys/fs/cgroup/memory").resolve(CGROUP_PARENT.substring(1)).resolve(vmB.id());
                assertFalse(Files.exists(vmCgroup), "the VM's cgroup goes with it: " + vmCgroup);
            }
        } finally {
            fixture.close();
            removeCgroupParent();
        }
    }

    /** The stand-in for kubelet's pod cgroup, in every v1 hierarchy or in the v2 tree. */
    private static void removeCgroupParent() throws IOException {
        Path parent = Path.of(CGROUP_PARENT.substring(1));
        for (Path root : List.of(Path.of("/sys/fs/cgroup"), Path.of("/sys/fs/cgroup/memory"),
                Path.of("/sys/fs/cgroup/cpu"), Path.of("/sys/fs/cgroup/cpuacct"), Path.of("/sys/fs/cgroup/cpuset"),
                Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup/blkio"))) {
            if (Files.isDirectory(root.resolve(parent))) {
                Files.deleteIfExists(root.resolve(parent));
                Files.deleteIfExists(root.resolve(parent.getParent()));
            }
        }
    }

    @Test
    @Order(1)
    void theGuestHasItsOwnKernelAndEachVmItsOwnBoot() throws Exception {
        List<String> a = VmPods.texts(pods.awaitLog(webA, LOG_WAIT, l -> l.size() >= 2));
        List<String> b = VmPods.texts(pods.awaitLog(webB, LOG_WAIT, l -> l.size() >= 2));
        String hostKernel = System.getProperty("os.version");
        String hostBoot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        assertNotEquals(hostKernel, a.get(0), "the container runs on the guest's kernel");
        assertTrue(a.get(0).matches("\\d+\\.\\d+\\.\\d+.*"), a.get(0));
        assertEquals(a.get(0), b.get(0), "both VMs boot the same image");
        assertNotEquals(a.get(1), b.get(1), "two VMs, two boots");
        assertNotEquals(hostBoot, a.get(1));
        String runcKernel = VmPods.texts(pods.awaitLog(webRunc, LOG_WAIT, l -> l.size() >= 2)).get(0);
        assertEquals(hostKernel, runcKernel, "a runc pod shares the host's kernel");
    }

    @Test
    @Order(2)
    void execAndLogsInTheCriFormat() throws Exception {
        try (CriClient cri = fixture.client()) {
            ExecSyncResponse exec = Checks.exec(cri, webA, 60, "sh", "-c", "echo out; echo err >&2; exit 3");
            assertEquals("out\n", exec.getStdout().toStringUtf8());
            assertEquals("err\n", exec.getStderr().toStringUtf8());
            assertEquals(3, exec.getExitCode());
            assertEquals("vm-a\n", Checks.exec(cri, webA, 60, "cat", "/etc/hostname").getStdout().toStringUtf8(),
                    "the pod's hostname file is bound in");
        }
        String first = pods.awaitLog(webA, LOG_WAIT, l -> !l.isEmpty()).get(0);
        assertTrue(first.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z stdout F \\d+\\.\\d+.*"), first);
    }

    @Test
    @Order(3)
    void stopSignalsThenRemoveForgets() throws Exception {
        String trapper = pods.start(vmA, "trapper",
                "trap 'echo bye; exit 7' TERM; echo ready; while true; do sleep 1; done");
        pods.awaitLog(trapper, LOG_WAIT, l -> VmPods.texts(l).contains("ready"));
        try (CriClient cri = fixture.client()) {
            cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(trapper).setTimeout(20)
                    .build());
            ContainerStatus status = Checks.status(cri, trapper);
            assertEquals(ContainerState.CONTAINER_EXITED, status.getState());
            assertEquals(7, status.getExitCode(), "SIGTERM reached the process, which chose its exit code");
            assertTrue(VmPods.texts(Files.readAllLines(pods.logPath(trapper))).contains("bye"));
            cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(trapper).build());
            Checks.expectStatus(Status.Code.NOT_FOUND, () -> Checks.status(cri, trapper));
        }
    }

    @Test
    @Order(4)
    void aWindowsShapedConfigRunsMappedToLinux() throws Exception {
        Path volume = Files.createDirectories(fixture.dir().resolve("volume"));
        Files.writeString(volume.resolve("greeting"), "hello from the host\n");
        ContainerConfig windows = Configs.container("windows-shaped", fixture.image(), "sh", "-c",
                "pwd; cat /data/greeting; cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max").toBuilder()
                .setWorkingDir("C:\\srv")
                .addMounts(Mount.newBuilder().setContainerPath("c:\\data").setHostPath(volume.toString())
                        .setReadonly(true))
                .setWindows(WindowsContainerConfig.newBuilder().setResources(WindowsContainerResources.newBuilder()
                        .setCpuMaximum(5000).setMemoryLimitInBytes(96L << 20)))
                .build();
        String id;
        try (CriClient cri = fixture.client()) {
            id = cri.runtime().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(vmA.id())
                    .setSandboxConfig(vmA.config()).setConfig(windows).build()).getContainerId();
            cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
            Checks.awaitState(cri, id, ContainerState.CONTAINER_EXITED);
        }
        List<String> texts = VmPods.texts(pods.awaitLog(id, LOG_WAIT, l -> l.size() >= 4));
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals(List.of("/srv", "hello from the host", Long.toString(96L << 20),
                (5000L * cpus * 100_000 / 10_000) + " 100000"), texts);
    }

    @Test
    @Order(5)
    void vmAndRuncPodsReachEachOtherOnThePodNetwork() {
        try (CriClient cri = fixture.client()) {
            String toRunc = get(cri, webA, pods.ip(runc));
            assertTrue(toRunc.endsWith("from-runc-r\n"), toRunc);
            String toVm = get(cri, webRunc, pods.ip(vmA));
            assertTrue(toVm.endsWith("from-vm-a\n"), toVm);
        }
    }

    /** An HTTP GET with nc (Debian's static busybox has a wget that crashes). */
    private static String get(CriClient cri, String fromContainer, String ip) {
        ExecSyncResponse response = Checks.exec(cri, fromContainer, 60, "sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 10 " + ip + " 8080");
        assertEquals(0, response.getExitCode(), response.getStderr().toStringUtf8());
        return response.getStdout().toStringUtf8();
    }

    /**
     * kubelet's pod cgroup with limits, as it sends them: the VM sizes itself from them and runs
     * in a cgroup of its own under the parent.
     */
    private static PodSandboxConfig limitedUnderAParent(PodSandboxConfig pod) {
        return pod.toBuilder().setLinux(pod.getLinux().toBuilder().setCgroupParent(CGROUP_PARENT)
                .setResources(LinuxContainerResources.newBuilder().setMemoryLimitInBytes(POD_MEMORY_LIMIT)
                        .setCpuQuota(150_000).setCpuPeriod(100_000))).build();
    }

    @Test
    @Order(5)
    void volumesAreLiveBothWaysAndAConfigMapUpdateIsSeen() throws Exception {
        Path volume = Files.createDirectories(fixture.dir().resolve("live"));
        Path config = Files.createDirectories(fixture.dir().resolve("configmap"));
        // kubelet's atomic writer: files under a timestamped dir, reached through the ..data symlink
        Files.createDirectories(config.resolve("..2026_v1"));
        Files.writeString(config.resolve("..2026_v1/greeting"), "one\n");
        Files.createSymbolicLink(config.resolve("..data"), Path.of("..2026_v1"));
        Files.createSymbolicLink(config.resolve("greeting"), Path.of("..data/greeting"));
        Path hostsFile = Files.writeString(fixture.dir().resolve("etc-hosts"), "127.0.0.1 localhost\n");
        ContainerConfig live = Configs.container("live", fixture.image(), "sh", "-c", "sleep 100000").toBuilder()
                .addMounts(Mount.newBuilder().setContainerPath("/data").setHostPath(volume.toString()))
                .addMounts(Mount.newBuilder().setContainerPath("/config").setHostPath(config.toString())
                        .setReadonly(true))
                .addMounts(Mount.newBuilder().setContainerPath("/etc/hosts").setHostPath(hostsFile.toString()))
                .build();
        String id = pods.start(vmA, live);
        try (CriClient cri = fixture.client()) {
            Files.writeString(volume.resolve("from-host"), "host wrote this\n");
            assertEquals("host wrote this\n", Checks.exec(cri, id, 60, "cat", "/data/from-host").getStdout()
                    .toStringUtf8(), "a file the host wrote after the start");
            assertEquals(0, Checks.exec(cri, id, 60, "sh", "-c", "echo guest > /data/from-guest").getExitCode());
            assertEquals("guest\n", Files.readString(volume.resolve("from-guest")), "the guest's write is the host's");
            assertEquals("one\n", Checks.exec(cri, id, 60, "cat", "/config/greeting").getStdout().toStringUtf8());
            Files.createDirectories(config.resolve("..2026_v2"));
            Files.writeString(config.resolve("..2026_v2/greeting"), "two\n");
            Files.createSymbolicLink(config.resolve("..data_tmp"), Path.of("..2026_v2"));
            Files.move(config.resolve("..data_tmp"), config.resolve("..data"),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            assertEquals("two\n", Checks.exec(cri, id, 60, "cat", "/config/greeting").getStdout().toStringUtf8(),
                    "the swapped ..data symlink is followed at once");
            assertTrue(Checks.exec(cri, id, 60, "sh", "-c", "echo x > /config/nope").getExitCode() != 0,
                    "a read-only volume");
            assertEquals("127.0.0.1 localhost\n", Checks.exec(cri, id, 60, "cat", "/etc/hosts").getStdout()
                    .toStringUtf8(), "a single-file mount");
            cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
        }
        assertEquals("host wrote this\n", Files.readString(volume.resolve("from-host")));
    }

    /**
     * The same POSIX checks (e2e/src/test/resources/posix/posixcheck.c) on a volume of a VM pod,
     * served by janus-9p, and on a host directory bind-mounted into a runc pod: the results must
     * match line by line. Then byte-range locks across the guest, the host and a second VM.
     */
    @Test
    @Order(5)
    void posixSemanticsOnAVmVolumeMatchALocalDirectoryAndLocksReachTheHostAndOtherVms() throws Exception {
        Path bin = Files.createDirectories(fixture.dir().resolve("posix-bin"));
        Path source = Path.of(VmPodIT.class.getResource("/posix/posixcheck.c").toURI());
        Process gcc = new ProcessBuilder("gcc", "-static", "-O1", "-o", bin.resolve("posixcheck").toString(),
                source.toString()).redirectErrorStream(true).start();
        String compiled = new String(gcc.getInputStream().readAllBytes());
        Assumptions.assumeTrue(gcc.waitFor() == 0, "needs gcc and static glibc: " + compiled);
        Path vmDir = Files.createDirectories(fixture.dir().resolve("posix-vm"));
        Path localDir = Files.createDirectories(fixture.dir().resolve("posix-local"));
        String inVm = pods.start(vmA, checker("posix-vm", bin, vmDir));
        String local = pods.start(runc, checker("posix-local", bin, localDir));
        try (CriClient cri = fixture.client()) {
            List<String> vmLines = Checks.exec(cri, inVm, 120, "/check/posixcheck", "run", "/vol").getStdout()
                    .toStringUtf8().lines().toList();
            List<String> localLines = Checks.exec(cri, local, 120, "/check/posixcheck", "run", "/vol").getStdout()
                    .toStringUtf8().lines().toList();
            assertEquals(localLines.size(), vmLines.size(), () -> "vm:\n" + vmLines + "\nlocal:\n" + localLines);
            assertTrue(localLines.size() > 60, localLines::toString);
            for (int i = 0; i < localLines.size(); i++) {
                if (localLines.get(i).startsWith("mknod a character device")) {
                    // a device node on a host volume is a privileged pod's only
                    assertEquals("mknod a character device: EPERM", vmLines.get(i));
                    continue;
                }
                if (localLines.get(i).startsWith("mtime nsec")) {
                    // the guest kernel's 9p client keeps the superblock's default 1 s timestamp
                    // granularity: it cuts the nanoseconds off before it sends a Tsetattr
                    assertEquals("mtime nsec: 0", vmLines.get(i));
                    continue;
                }
                assertEquals(localLines.get(i), vmLines.get(i), "a VM volume behaves as a local directory");
            }

            String holder = pods.start(vmA, Configs.container("holder", fixture.image(), "/check/posixcheck", "hold",
                    "/vol/shared-lock", "8").toBuilder().addAllMounts(checker("x", bin, vmDir).getMountsList()).build());
            pods.awaitLog(holder, LOG_WAIT, l -> VmPods.texts(l).contains("lock: held"));
            try (FileChannel host = FileChannel.open(vmDir.resolve("shared-lock"), StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                assertNull(host.tryLock(), "the guest's lock holds against a host process");
                String other = pods.start(vmB, checker("posix-other", bin, vmDir));
                assertEquals("trylock: busy\n", Checks.exec(cri, other, 60, "/check/posixcheck", "trylock",
                        "/vol/shared-lock").getStdout().toStringUtf8(), "and against another VM's guest");
                Checks.awaitState(cri, holder, ContainerState.CONTAINER_EXITED);
                FileLock taken = host.tryLock();
                assertTrue(taken != null, "free once the guest's process ended");
                taken.release();
                assertEquals("trylock: locked\n", Checks.exec(cri, other, 60, "/check/posixcheck", "trylock",
                        "/vol/shared-lock").getStdout().toStringUtf8());
                cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(other).build());
            }
            for (String id : List.of(inVm, local, holder)) {
                cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
            }
        }
    }

    private ContainerConfig checker(String name, Path bin, Path volume) {
        return Configs.container(name, fixture.image(), "sleep", "100000").toBuilder()
                .addMounts(Mount.newBuilder().setContainerPath("/check").setHostPath(bin.toString()).setReadonly(true))
                .addMounts(Mount.newBuilder().setContainerPath("/vol").setHostPath(volume.toString()))
                .build();
    }

    @Test
    @Order(6)
    void anExecRunsWithTheContainersIdentity() throws Exception {
        ContainerConfig restricted = Configs.container("restricted", fixture.image(), "sh", "-c",
                SHOW_IDENTITY + "; exec sleep 100000").toBuilder()
                .setLinux(LinuxContainerConfig.newBuilder().setSecurityContext(LinuxContainerSecurityContext
                        .newBuilder().setRunAsUser(Int64Value.newBuilder().setValue(1000))
                        .setRunAsGroup(Int64Value.newBuilder().setValue(3000)).addSupplementalGroups(4000)
                        .setNoNewPrivs(true).setCapabilities(Capability.newBuilder().addDropCapabilities("ALL")
                                .addAddCapabilities("NET_BIND_SERVICE"))))
                .build();
        for (VmPods.Pod pod : new VmPods.Pod[] {vmA, runc}) {
            String id = pods.start(pod, restricted);
            List<String> own = VmPods.texts(pods.awaitLog(id, LOG_WAIT, l -> l.size() >= 6));
            assertEquals("Uid:\t1000\t1000\t1000\t1000", own.get(0), "the container's own process");
            try (CriClient cri = fixture.client()) {
                // the test image links only sh to busybox: its shell runs grep as an applet
                ExecSyncResponse exec = Checks.exec(cri, id, 60, "sh", "-c", SHOW_IDENTITY);
                assertEquals(own, exec.getStdout().toStringUtf8().lines().toList(),
                        () -> "an exec in " + pod.config().getMetadata().getName() + " has the container's identity"
                                + " (exit " + exec.getExitCode() + ", stderr " + exec.getStderr().toStringUtf8() + ")");
                String streamed = streamedExec(cri, id, false, "sh", "-c", SHOW_IDENTITY);
                assertEquals(own, streamed.lines().toList(), "a streaming exec too");
                cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
            }
        }
    }

    @Test
    @Order(7)
    void aTerminalExecTakesInputAfterAZeroSizeAndFollowsAResize() throws Exception {
        try (CriClient cri = fixture.client();
                var shell = RemoteCommandClient.spdy(execUrl(cri, webA, true, "sh"), TERMINAL,
                        RemoteCommandClient.SPDY_PROTOCOLS)) {
            shell.resize(0, 0); // kubectl exec -it from a client that does not know its size
            shell.stdin("echo typed-$((40+2))\n");
            shell.stdout().readUntil("typed-42", Duration.ofSeconds(60));
            shell.resize(77, 33);
            shell.stdin("stty size; exit 4\n");
            shell.stdout().readUntil("33 77", Duration.ofSeconds(60));
            shell.stdout().readAll();
            assertEquals(4, shell.status().exitCode());
        }
    }

    @Test
    @Order(8)
    void anOomKillInTheGuestIsReportedAsOOMKilled() throws Exception {
        ContainerConfig hog = Configs.container("hog", fixture.image(), "sh", "-c",
                "exec dd if=/dev/zero of=/dev/null bs=64M count=1").toBuilder()
                .setLinux(LinuxContainerConfig.newBuilder().setResources(LinuxContainerResources.newBuilder()
                        .setMemoryLimitInBytes(24L << 20)))
                .build();
        String id = pods.start(vmA, hog);
        try (CriClient cri = fixture.client()) {
            ContainerStatus status = Checks.awaitState(cri, id, ContainerState.CONTAINER_EXITED);
            assertEquals("OOMKilled", status.getReason(), status::toString);
            assertEquals(137, status.getExitCode());
            cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
        }
    }

    @Test
    @Order(9)
    void theVmRunsInThePodsCgroupSizedToItsLimitsAndReportsStats() throws Exception {
        long qemu = pods.qemuPid(vmB);
        String cgroups = Files.readString(Path.of("/proc", Long.toString(qemu), "cgroup"));
        String vmCgroup = CGROUP_PARENT + "/" + vmB.id();
        assertTrue(cgroups.lines().anyMatch(l -> l.matches("\\d+:(memory|):" + Pattern.quote(vmCgroup))),
                "QEMU runs in the pod's cgroup " + vmCgroup + ": " + cgroups);
        try (CriClient cri = fixture.client()) {
            String guest = Checks.exec(cri, webB, 60, "sh", "-c", "grep MemTotal /proc/meminfo; nproc")
                    .getStdout().toStringUtf8();
            long memTotalMib = Long.parseLong(guest.replaceAll("(?s)MemTotal:\\s+(\\d+) kB.*", "$1")) / 1024;
            assertTrue(memTotalMib > (POD_MEMORY_LIMIT >> 20) && memTotalMib < 512 - 64,
                    "the VM has the pod's limit plus the guest's reserve, not the 512 MiB default: " + guest);
            assertTrue(guest.strip().endsWith(Runtime.getRuntime().availableProcessors() >= 2 ? "\n2" : "\n1"),
                    "1.5 CPUs of limit: 2 vCPUs where the host has them: " + guest);
            PodSandboxStats pod = cri.runtime().podSandboxStats(PodSandboxStatsRequest.newBuilder()
                    .setPodSandboxId(vmB.id()).build()).getStats();
            assertTrue(pod.getLinux().getCpu().getUsageCoreNanoSeconds().getValue() > 0, pod::toString);
            assertTrue(pod.getLinux().getMemory().getWorkingSetBytes().getValue() > 64L << 20,
                    () -> "the pod's memory is the VM's: " + pod);
            ContainerStats web = cri.runtime().containerStats(ContainerStatsRequest.newBuilder()
                    .setContainerId(webB).build()).getStats();
            assertTrue(web.getCpu().getUsageCoreNanoSeconds().getValue() > 0, web::toString);
            assertTrue(web.getMemory().getWorkingSetBytes().getValue() > 0, web::toString);
        }
    }

    private static String execUrl(CriClient cri, String containerId, boolean tty, String... command) {
        return cri.runtime().exec(ExecRequest.newBuilder().setContainerId(containerId).addAllCmd(List.of(command))
                .setStdin(tty).setStdout(true).setStderr(!tty).setTty(tty).build()).getUrl();
    }

    private static String streamedExec(CriClient cri, String containerId, boolean tty, String... command)
            throws Exception {
        try (var exec = RemoteCommandClient.spdy(execUrl(cri, containerId, tty, command),
                new RemoteCommandClient.Streams(false, true, true, false), RemoteCommandClient.SPDY_PROTOCOLS)) {
            String out = exec.stdout().readAll();
            assertTrue(exec.status().success(), exec.stderr().unread());
            return out;
        }
    }

    @Test
    @Order(10)
    void aVmPodOutlivesJanusdAndStaysManageable() throws Exception {
        Path volume = Files.createDirectories(fixture.dir().resolve("survives"));
        String ticker = pods.start(vmA, Configs.container("ticker", fixture.image(), "sh", "-c",
                "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done").toBuilder()
                .addMounts(Mount.newBuilder().setContainerPath("/data").setHostPath(volume.toString())).build());
        int seen = pods.awaitLog(ticker, LOG_WAIT, l -> l.size() >= 2).size();

        fixture.janusd().kill9();
        fixture.janusd().start();

        try (CriClient cri = fixture.client()) {
            assertEquals(PodSandboxState.SANDBOX_READY, cri.runtime().podSandboxStatus(PodSandboxStatusRequest
                    .newBuilder().setPodSandboxId(vmA.id()).build()).getStatus().getState());
            assertEquals(ContainerState.CONTAINER_RUNNING, Checks.status(cri, ticker).getState());
            assertEquals("again\n", Checks.exec(cri, ticker, 60, "echo", "again").getStdout().toStringUtf8());
            assertEquals(0, Checks.exec(cri, ticker, 60, "sh", "-c", "echo after > /data/restart").getExitCode(),
                    "the volume server outlived janusd: the volume still works");
            assertEquals("after\n", Files.readString(volume.resolve("restart")));
        }
        pods.awaitLog(ticker, LOG_WAIT, l -> l.size() > seen + 3);
        try (CriClient cri = fixture.client()) {
            cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(ticker).setTimeout(5)
                    .build());
            assertEquals(ContainerState.CONTAINER_EXITED, Checks.status(cri, ticker).getState());
            cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(ticker).build());
        }
        List<String> texts = VmPods.texts(Files.readAllLines(pods.logPath(webA)));
        assertTrue(texts.size() >= 2, "the log of a container from before the restart is intact: " + texts);
    }

    @Test
    @Order(11)
    void killingQemuEndsTheContainersWithAReason() throws Exception {
        long qemu = pods.qemuPid(vmB);
        assertTrue(ProcessHandle.of(qemu).orElseThrow().destroyForcibly());
        try (CriClient cri = fixture.client()) {
            ContainerStatus status = Checks.awaitState(cri, webB, ContainerState.CONTAINER_EXITED);
            assertTrue(status.getMessage().contains("utility VM ended unexpectedly"), status.getMessage());
            assertEquals("Error", status.getReason());
            assertNotEquals(0, status.getExitCode());
            assertEquals(PodSandboxState.SANDBOX_NOTREADY, cri.runtime().podSandboxStatus(PodSandboxStatusRequest
                    .newBuilder().setPodSandboxId(vmB.id()).build()).getStatus().getState());
        }
    }
}
