package dev.janus.isolation.uvm.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.isolation.uvm.disk.LayerDisks;
import dev.janus.isolation.uvm.testing.ItHost;
import dev.janus.isolation.uvm.testing.ProbeImage;
import dev.janus.isolation.uvm.vm.BootTiming;
import dev.janus.isolation.uvm.vm.ChannelEndpoint;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.NicSpec;
import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.VmExit;
import java.nio.channels.ByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the real image under QEMU (TCG here: the KVM probe falls back) with the GuestProbe as
 * agent: kernel, modules, jlink'd Java, virtio-serial and the unix socket, QMP hot-plug,
 * ACPI power-off, kill after a grace period, and re-attaching as a restarted janusd would.
 */
class QemuVmIT {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static ProbeImage.Image image;

    @TempDir
    Path tmp;
    private Vm vm;

    @BeforeAll
    static void needs() throws Exception {
        ItHost.assumeRoot();
        assumeTrue(Files.isExecutable(QemuOptions.DEFAULT_BINARY), "needs qemu-system-x86_64");
        ItHost.assumeTools("nsenter", "mke2fs", "cpio", "depmod", "ip", "tc", "busybox");
        image = ProbeImage.ensure();
    }

    private PodNetns pods;

    @AfterEach
    void killLeftovers() {
        if (vm != null) {
            vm.kill();
        }
        if (pods != null) {
            pods.close();
        }
    }

    private VmConfig config(String id) {
        return VmConfig.of(id, tmp.resolve(id), image.kernel(), image.initrd(), 512, 1);
    }

    @Test
    void kvmProbeFallsBackWithinItsTimeout() {
        Duration timeout = Duration.ofSeconds(3);
        long started = System.nanoTime();
        KvmProbe.Result result = KvmProbe.probe(QemuOptions.DEFAULT_BINARY, image.kernel(), timeout);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("KVM probe: " + result + " in " + millis + " ms");
        if (result.accel() == Accel.TCG) {
            assertTrue(millis < timeout.toMillis() + 3000, "probe took " + millis + " ms");
        }
    }

    @Test
    void bootsTalksHotPlugsReattachesAndPowersOff() throws Exception {
        QemuVmHost host = new QemuVmHost(QemuOptions.defaults());
        pods = new PodNetns("janus-vm-it-" + ProcessHandle.current().pid());
        VmConfig config = config("it-boot").withNics(List.of(new NicSpec("0", PodNetns.POD_MAC, "eth0")), pods.pod());
        vm = host.create(config);
        vm.start();
        assertTrue(vm.pid().isPresent());

        BootTiming timing = vm.agentReady().get(BOOT.toSeconds(), TimeUnit.SECONDS);
        System.out.println("accel " + host.accel(image.kernel()) + "; " + timing
                + "; QEMU RSS " + rssMib(vm.pid().getAsLong()) + " MiB");
        assertNotNull(timing.firstConsoleOutput());
        assertNotNull(timing.initStarted());
        assertTrue(timing.agentReady().isAfter(timing.agentStarted()));

        String hostRelease = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        try (ByteChannel channel = vm.openChannel("janus.agent", Duration.ofSeconds(10))) {
            String hello = GuestLine.ask(channel, "hello");
            assertTrue(hello.startsWith("hello from the guest "), hello);
            String guestRelease = hello.split(" ")[4];
            assertEquals(Files.readString(image.properties()).lines()
                    .filter(l -> l.startsWith("kernel.release=")).findFirst().orElseThrow().substring(15), guestRelease);
            assertNotEquals(hostRelease, guestRelease, "the guest runs its own kernel");

            // the pod's address now answers from inside the VM: veth -> tc -> tap -> virtio-net
            assertEquals("net " + PodNetns.POD_MAC, GuestLine.ask(channel, "net " + PodNetns.POD_IP + "/24"));
            assertTrue(pods.pingFromPeer(), "the peer reaches the guest through the pod's veth");
        }

        // a restarted janusd: the old handle lets go, a new host finds the VM by its directory
        long pid = vm.pid().getAsLong();
        vm.close();
        Vm again = new QemuVmHost(QemuOptions.defaults()).reattach(config).orElseThrow();
        vm = again;
        assertEquals(pid, again.pid().getAsLong());

        Path layer = Files.createDirectories(tmp.resolve("layer/etc"));
        Files.writeString(layer.resolve("os-release"), "ID=janus-test\n");
        String digest = "sha256:" + "cd".repeat(32);
        Path disk = new LayerDisks(tmp.resolve("disks"), false).ensure(digest, tmp.resolve("layer"));
        String diskId = LayerDisks.diskId(digest);
        try (ByteChannel channel = again.openChannel("janus.agent", Duration.ofSeconds(10))) {
            again.hotAddDisk(DiskSpec.layer(diskId, disk));
            assertTrue(waitForDisks(channel, diskId, true), "the guest sees " + diskId);
            again.removeDisk(diskId);
            assertTrue(waitForDisks(channel, diskId, false), "the guest lost " + diskId);
        }
        // NICs and channels take the same QMP path; QEMU checks every argument
        again.hotAddNic(new NicSpec("1", PodNetns.SECOND_MAC, "eth1"));
        again.removeNic("1");
        again.addChannel(ChannelSpec.named("janus.extra", 700));
        assertTrue(Files.exists(((ChannelEndpoint.UnixSocket) again.endpoint("janus.extra")).path()));
        again.removeChannel("janus.extra");

        long stopping = System.nanoTime();
        VmExit exit = again.stop(Duration.ofSeconds(60));
        System.out.println("powerdown to exit: " + (System.nanoTime() - stopping) / 1_000_000 + " ms, " + exit);
        assertEquals("guest-shutdown", exit.reason());
        assertTrue(exit.clean());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void stopKillsAVmThatIgnoresThePowerButton() throws Exception {
        QemuVmHost host = new QemuVmHost(QemuOptions.defaults());
        vm = host.create(config("it-kill"));
        vm.start();
        // right after start the guest is still in firmware or early kernel: nothing handles ACPI
        long started = System.nanoTime();
        VmExit exit = vm.stop(Duration.ofSeconds(1));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("killed", exit.reason());
        assertFalse(exit.clean());
        assertTrue(millis < 10_000, "stop took " + millis + " ms");
        assertTrue(vm.exit().isDone());
    }

    private static boolean waitForDisks(ByteChannel channel, String diskId, boolean present) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String disks = GuestLine.ask(channel, "disks");
            if (disks.contains(diskId + "=") == present) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static long rssMib(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                .findFirst().orElse(-1L);
    }
}
