package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.guest.protocol.ops.MountShare;
import dev.janus.guest.protocol.ops.UnmountShare;
import dev.janus.isolation.p9.fs.Share;
import dev.janus.isolation.p9.fs.ShareTree;
import dev.janus.isolation.p9.server.P9Session;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.testing.ItHost;
import dev.janus.isolation.uvm.vm.ChannelEndpoint;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.qemu.QemuOptions;
import dev.janus.isolation.uvm.vm.qemu.QemuVmHost;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole 9P path in a real utility VM: a virtio-serial port hot-added for a share, janus'
 * 9P server on the host end of it, the agent relaying the port to pipes and mounting 9p over
 * them, and what the guest writes landing in the host directory.
 */
class ShareMountIT {

    private static final Duration BOOT = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @Test
    void aShareMountedInTheGuestWritesIntoTheHostDirectory() throws Exception {
        ItHost.assumeRoot();
        assumeTrue(Files.isExecutable(QemuOptions.DEFAULT_BINARY), "needs qemu-system-x86_64");
        Path top = Path.of("../..").toAbsolutePath().normalize();
        Path agentJar = top.resolve("isolation/guest/agent/target/janus-guest-agent.jar");
        assumeTrue(Files.isRegularFile(agentJar), "the guest agent is built first");
        Process build = new ProcessBuilder(top.resolve("deploy/uvm/build-image.sh").toString(), "--agent",
                agentJar.toString()).redirectErrorStream(true).start();
        String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, build.waitFor(), log);
        VmImage image = VmImage.in(top.resolve("deploy/target/uvm")).orElseThrow();

        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Files.writeString(volume.resolve("from-host.txt"), "host");
        Vm vm = new QemuVmHost(QemuOptions.defaults()).create(
                VmConfig.of("it-9p-" + ProcessHandle.current().pid(), tmp.resolve("vm"), image.kernel(), image.initrd(),
                        512, 1));
        try (Share share = Share.open("vol1", volume, false, false)) {
            vm.start();
            AgentClient agent = VmBoot.connect(vm, BOOT);
            ChannelSpec port = ChannelSpec.named("janus.9p.1", 0x40000101);
            vm.addChannel(port);
            SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            socket.connect(UnixDomainSocketAddress.of(((ChannelEndpoint.UnixSocket) vm.endpoint(port.name())).path()));
            ShareTree tree = new ShareTree(share);
            Thread.ofVirtual().start(new P9Session("it", socket, socket, aname -> aname.equals("vol1") ? tree : null));

            AgentClient.await(agent.call(new MountShare.Request(port.name(), "vol1", "/run/janus-volumes/vol1", false,
                    262144, "mmap", 20_000, 0), MountShare.Reply.class, Duration.ofSeconds(60)));
            AgentClient.await(agent.writeFile("/run/janus-volumes/vol1/made/in/the/guest.txt",
                    "guest".getBytes(StandardCharsets.UTF_8), 0640));
            Path made = volume.resolve("made/in/the/guest.txt");
            assertEquals("guest", Files.readString(made), "the guest's write is the host's file");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
            AgentClient.await(agent.call(new UnmountShare.Request("/run/janus-volumes/vol1"), UnmountShare.Reply.class,
                    Duration.ofSeconds(30)));
            assertTrue(Files.exists(volume.resolve("from-host.txt")), "the host's files stay");
        } finally {
            vm.kill();
            vm.close();
        }
    }
}
