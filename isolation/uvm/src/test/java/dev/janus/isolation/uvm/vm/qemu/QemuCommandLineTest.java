package dev.janus.isolation.uvm.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.NicSpec;
import dev.janus.isolation.uvm.vm.VmConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QemuCommandLineTest {

    private static final Path DIR = Path.of("/run/janus/vm/p1");
    private static final QemuOptions NO_SPARES = new QemuOptions(Path.of("/usr/bin/qemu-system-x86_64"), 0,
            Optional.empty(), java.time.Duration.ofSeconds(3), "");

    private static VmConfig minimal() {
        return VmConfig.of("p1", DIR, Path.of("/img/vmlinuz"), Path.of("/img/initrd.img"), 512, 1);
    }

    /** The part every VM shares, up to the channels. */
    private static List<String> common(String accel, String cpu, String memory, String smp, String append) {
        return new ArrayList<>(List.of("/usr/bin/qemu-system-x86_64",
                "-name", "janus-p1,debug-threads=on",
                "-machine", "q35", "-accel", accel.equals("tcg") ? "tcg,tb-size=128" : accel, "-cpu", cpu, "-m", memory, "-smp", smp,
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                "-kernel", "/img/vmlinuz", "-initrd", "/img/initrd.img", "-append", append,
                "-chardev", "file,id=console,path=/run/janus/vm/p1/console.log", "-serial", "chardev:console",
                "-qmp", "unix:/run/janus/vm/p1/qmp.sock,server=on,wait=off",
                "-pidfile", "/run/janus/vm/p1/qemu.pid", "-daemonize",
                "-object", "rng-random,id=rng0,filename=/dev/urandom",
                "-device", "virtio-rng-pci,id=rng,rng=rng0",
                "-device", "virtio-balloon-pci,id=balloon,free-page-reporting=on",
                "-device", "virtio-serial-pci,id=vser0",
                "-chardev", "socket,id=chan-janus.agent,path=/run/janus/vm/p1/agent.sock,server=on,wait=off",
                "-device", "virtserialport,id=port-janus.agent,bus=vser0.0,chardev=chan-janus.agent,name=janus.agent"));
    }

    @Test
    void minimalVmUnderTcg() {
        List<String> expected = common("tcg", "qemu64", "512M", "1", "console=ttyS0 panic=-1 janus.agent=janus.agent");
        assertEquals(expected, QemuCommandLine.launch(minimal(), Accel.TCG, NO_SPARES));
    }

    @Test
    void kvmUsesTheHostCpuAndKeepsExtraKernelArguments() {
        VmConfig config = minimal().withKernelArgs("quiet loglevel=3");
        List<String> argv = QemuCommandLine.launch(config, Accel.KVM, NO_SPARES);
        assertEquals(common("kvm", "host", "512M", "1",
                "console=ttyS0 panic=-1 janus.agent=janus.agent quiet loglevel=3"), argv);
    }

    @Test
    void podWithLayersScratchNicAndSparePorts() {
        VmConfig config = new VmConfig("p1", DIR, Path.of("/img/vmlinuz"), Path.of("/img/initrd.img"), "", 1024, 2,
                List.of(DiskSpec.layer("l-0123456789abcdef", Path.of("/var/lib/janus/disks/sha256-0123.ext4")),
                        DiskSpec.scratch("s-p1", Path.of("/run/janus/vm/p1/scratch.ext4"))),
                List.of(new NicSpec("0", "0A:58:0A:58:00:05", "eth0")),
                List.of(ChannelSpec.AGENT, ChannelSpec.named("janus.9p", 564)),
                Optional.of(Path.of("/var/run/netns/cni-1")), "");
        QemuOptions twoSpares = new QemuOptions(NO_SPARES.binary(), 2, Optional.empty(), NO_SPARES.probeTimeout(), "");

        List<String> expected = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/cni-1", "--"));
        expected.addAll(common("tcg", "qemu64", "1024M", "2", "console=ttyS0 panic=-1 janus.agent=janus.agent"));
        expected.addAll(List.of(
                "-chardev", "socket,id=chan-janus.9p,path=/run/janus/vm/p1/janus-9p.sock,server=on,wait=off",
                "-device", "virtserialport,id=port-janus.9p,bus=vser0.0,chardev=chan-janus.9p,name=janus.9p",
                "-device", "pcie-root-port,id=rp0,bus=pcie.0,chassis=1,addr=0x10.0,multifunction=on",
                "-device", "pcie-root-port,id=rp1,bus=pcie.0,chassis=2,addr=0x10.1",
                "-device", "pcie-root-port,id=rp2,bus=pcie.0,chassis=3,addr=0x10.2",
                "-device", "pcie-root-port,id=rp3,bus=pcie.0,chassis=4,addr=0x10.3",
                "-device", "pcie-root-port,id=rp4,bus=pcie.0,chassis=5,addr=0x10.4",
                "-blockdev", "{\"driver\":\"raw\",\"node-name\":\"disk-l-0123456789abcdef\",\"read-only\":true,"
                        + "\"file\":{\"driver\":\"file\",\"filename\":\"/var/lib/janus/disks/sha256-0123.ext4\","
                        + "\"read-only\":true}}",
                "-device", "virtio-blk-pci,id=vd-l-0123456789abcdef,drive=disk-l-0123456789abcdef,"
                        + "serial=l-0123456789abcdef,bus=rp0",
                "-blockdev", "{\"driver\":\"raw\",\"node-name\":\"disk-s-p1\",\"read-only\":false,"
                        + "\"file\":{\"driver\":\"file\",\"filename\":\"/run/janus/vm/p1/scratch.ext4\","
                        + "\"read-only\":false}}",
                "-device", "virtio-blk-pci,id=vd-s-p1,drive=disk-s-p1,serial=s-p1,bus=rp1",
                "-netdev", "tap,id=net-0,ifname=tap0,script=no,downscript=no,vhost=off",
                "-device", "virtio-net-pci,id=nic-0,netdev=net-0,mac=0a:58:0a:58:00:05,bus=rp2"));
        assertEquals(expected, QemuCommandLine.launch(config, Accel.TCG, twoSpares));
    }

    @Test
    void rootPortsFillEightFunctionsPerSlot() {
        assertEquals("pcie-root-port,id=rp7,bus=pcie.0,chassis=8,addr=0x10.7", QemuCommandLine.rootPort(7));
        assertEquals("pcie-root-port,id=rp8,bus=pcie.0,chassis=9,addr=0x11.0,multifunction=on",
                QemuCommandLine.rootPort(8));
        assertEquals("pcie-root-port,id=rp17,bus=pcie.0,chassis=18,addr=0x12.1", QemuCommandLine.rootPort(17));
    }

    @Test
    void commasInPathsAreDoubledForQemu() {
        VmConfig config = VmConfig.of("p1", Path.of("/run/a,b"), Path.of("/k"), Path.of("/i"), 128, 1);
        List<String> argv = QemuCommandLine.launch(config, Accel.TCG, NO_SPARES);
        assertEquals("file,id=console,path=/run/a,,b/console.log", argv.get(argv.indexOf("-serial") - 1));
    }

    @Test
    void configRejectsWhatQemuOrTheGuestCannotTake() {
        assertThrows(IllegalArgumentException.class, () -> DiskSpec.layer("l-0123456789abcdef0123", Path.of("/x")));
        assertThrows(IllegalArgumentException.class, () -> new NicSpec("eth_0", "0a:58:0a:58:00:05", "eth0"));
        assertThrows(IllegalArgumentException.class, () -> new NicSpec("0", "0a:58:0a:58:00", "eth0"));
        assertThrows(IllegalArgumentException.class,
                () -> VmConfig.of("p1", Path.of("/" + "d".repeat(100)), Path.of("/k"), Path.of("/i"), 128, 1));
        assertThrows(IllegalArgumentException.class, () -> minimal().withDisks(List.of(
                DiskSpec.layer("a", Path.of("/x")), DiskSpec.layer("a", Path.of("/y")))));
    }
}
