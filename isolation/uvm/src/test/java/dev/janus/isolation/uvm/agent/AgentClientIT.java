package dev.janus.isolation.uvm.agent;

import static dev.janus.isolation.uvm.agent.AgentClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.ops.ConfigureNetwork;
import dev.janus.guest.protocol.ops.ContainerInfo;
import dev.janus.guest.protocol.ops.ContainerStats;
import dev.janus.guest.protocol.ops.ContainerStatus;
import dev.janus.guest.protocol.ops.CreateContainer;
import dev.janus.guest.protocol.ops.Exited;
import dev.janus.guest.protocol.ops.Hello;
import dev.janus.guest.protocol.ops.MountDisk;
import dev.janus.guest.protocol.ops.Shutdown;
import dev.janus.isolation.ExecResult;
import dev.janus.isolation.ocispec.ExecProcessSpec;
import dev.janus.isolation.uvm.testing.ItHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real guest agent (its jar, under this JDK) driven through AgentClient over a unix socket,
 * with runc, loop-device disks, overlayfs and namespaces standing in for the VM. Root only.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(180)
class AgentClientIT {

    private AgentFixture fixture;
    private AgentClient client;
    private final BlockingQueue<Exited> exits = new LinkedBlockingQueue<>();
    private final Map<String, byte[]> specs = new HashMap<>();

    @BeforeEach
    void startAgent() throws Exception {
        ItHost.assumeRoot();
        ItHost.assumeTools("runc", "mke2fs", "losetup", "unshare", "nsenter", "busybox");
        fixture = new AgentFixture();
        fixture.makeDisks();
        fixture.startAgent();
        client = fixture.connect();
        client.onExit(exits::add);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (client != null) {
            client.close();
        }
        if (fixture != null) {
            System.out.println("---- agent log ----\n" + fixture.log());
            fixture.close();
        }
    }

    @Test
    void runsAContainerFromLayerDisksAndReportsItsExit() throws Exception {
        Hello.Reply hello = client.agent();
        assertEquals(1, hello.version());
        assertEquals(1, hello.session());
        assertEquals(0, hello.containers());
        assertTrue(hello.jvmStartToReadyMillis() > 0 && hello.rssAtReadyBytes() > 0, hello::toString);
        System.out.printf("agent start: %d ms to ready, RSS %.1f MiB at ready, %.1f MiB now%n",
                hello.jvmStartToReadyMillis(), hello.rssAtReadyBytes() / 1048576.0, hello.rssBytes() / 1048576.0);

        Path hosts = fixture.dir.resolve("pod/hosts");
        await(client.writeFile(hosts.toString(), "127.0.0.1 localhost\n".getBytes(StandardCharsets.UTF_8), 0640));
        assertEquals("127.0.0.1 localhost\n", Files.readString(hosts));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts)));
        assertKind(CriException.Kind.INVALID_ARGUMENT, () -> await(client.writeFile("relative/x", new byte[0], 0644)));

        mountDisks();
        createContainer("c1", false, "sh", "-c", "echo hi; echo err >&2; exit 3");
        assertKind(CriException.Kind.ALREADY_EXISTS, () -> createContainer("c1", false, "true"));
        ProcessStreams io = await(client.startContainer("c1", StdioRequest.output()));
        assertEquals("hi\n", readAll(io.stdout()));
        assertEquals("err\n", readAll(io.stderr()));
        assertEquals(3, nextExitOf("c1").exitCode());

        ContainerInfo info = only(await(client.listContainers()));
        assertEquals(ContainerStatus.EXITED, info.status());
        assertEquals(3, info.exitCode());
        assertTrue(await(client.waitContainer("c1", Duration.ofSeconds(1))).exited());
        assertKind(CriException.Kind.FAILED_PRECONDITION, () -> await(client.startContainer("c1", StdioRequest.output())));
        assertFalse(await(client.containerStats("c1")).cgroupFound());
        assertKind(CriException.Kind.NOT_FOUND, () -> await(client.containerStats("nope")));
        assertKind(CriException.Kind.FAILED_PRECONDITION, () -> await(client.unmountDisk(AgentFixture.LAYER)));

        await(client.deleteContainer("c1", false));
        assertTrue(await(client.listContainers()).isEmpty());
        assertFalse(mounted("containers/c1/rootfs"));
        await(client.unmountDisk(AgentFixture.LAYER));
        await(client.unmountDisk(AgentFixture.SCRATCH));
        assertFalse(mounted("disks/"));
    }

    @Test
    void execsWithStdinTimeoutsStatsAndSignals() throws Exception {
        mountDisks();
        createContainer("c2", false, "sleep", "1000");
        await(client.startContainer("c2", StdioRequest.output()));

        ExecResult echo = execSync("c2", Duration.ofSeconds(20), "echo", "hello");
        assertEquals(0, echo.exitCode());
        assertEquals("hello\n", new String(echo.stdout(), StandardCharsets.UTF_8));
        assertEquals(5, execSync("c2", Duration.ZERO, "sh", "-c", "exit 5").exitCode());
        ExecResult slow = execSync("c2", Duration.ofMillis(500), "sleep", "30");
        assertTrue(slow.timedOut());

        ExecProcess cat = await(client.exec(exec("c2", "cat-1", false, StdioRequest.all(), "cat")));
        cat.streams().stdin().write("ping\n".getBytes(StandardCharsets.UTF_8));
        cat.streams().stdin().close();
        assertEquals("ping\n", readAll(cat.streams().stdout()));
        assertEquals(0, cat.exit().get(20, TimeUnit.SECONDS).exitCode());

        ContainerStats.Reply stats = await(client.containerStats("c2"));
        assertTrue(stats.cgroupFound(), stats::toString);
        assertTrue(stats.memoryUsageBytes() > 0, stats::toString);
        assertTrue(stats.writableLayerInodes() > 0, stats::toString);

        // sleep is pid 1 of its namespace: SIGTERM without a handler is ignored, SIGKILL is not
        await(client.signal("c2", "", 9, false));
        assertEquals(137, nextExitOf("c2").exitCode());
        await(client.signal("c2", "", 15, false));
        await(client.deleteContainer("c2", false));
    }

    @Test
    void terminalsFollowResizes() throws Exception {
        mountDisks();
        createContainer("c3", false, "sleep", "1000");
        await(client.startContainer("c3", StdioRequest.output()));
        ExecProcess shell = await(client.exec(exec("c3", "tty-1", true, StdioRequest.terminal(true, 24, 80), "sh")));
        TerminalReader screen = new TerminalReader(shell.streams().stdout());
        await(shell.resize(0, 0)); // a client that does not know its size: ignored, the session goes on
        type(shell, "stty size\n");
        screen.awaitContains("24 80");
        await(shell.resize(33, 77));
        type(shell, "stty size\n");
        screen.awaitContains("33 77");
        type(shell, "exit\n");
        assertEquals(0, shell.exit().get(20, TimeUnit.SECONDS).exitCode());

        createContainer("c4", true, "sh", "-c", "read line; stty size");
        ProcessStreams tty = await(client.startContainer("c4", StdioRequest.terminal(true, 10, 40)));
        TerminalReader console = new TerminalReader(tty.stdout());
        await(client.resizeTty("c4", "", 12, 50));
        tty.stdin().write("go\n".getBytes(StandardCharsets.UTF_8));
        tty.stdin().flush();
        console.awaitContains("12 50");
        assertEquals(0, nextExitOf("c4").exitCode());
        await(client.deleteContainer("c3", true));
        await(client.deleteContainer("c4", false));
    }

    @Test
    void aReconnectedHostLearnsWhatHappenedAndGetsTheRestOfTheOutput() throws Exception {
        mountDisks();
        createContainer("c5", false, "sh", "-c", "echo one; sleep 2; echo two; exit 7");
        ProcessStreams io = await(client.startContainer("c5", StdioRequest.output()));
        byte[] one = io.stdout().readNBytes(4);
        assertEquals("one\n", new String(one, StandardCharsets.UTF_8));
        client.close();
        Thread.sleep(3500);

        client = fixture.connect();
        assertEquals(2, client.agent().session());
        assertEquals(1, client.agent().containers());
        ContainerInfo info = only(await(client.listContainers()));
        assertEquals(ContainerStatus.EXITED, info.status());
        assertEquals(7, info.exitCode());
        assertFalse(info.attached());
        ProcessStreams again = await(client.attachContainer("c5", StdioRequest.output()));
        assertEquals("two\n", readAll(again.stdout()));
        assertEquals("", readAll(again.stderr()));
        await(client.deleteContainer("c5", false));
    }

    @Test
    void configuresTheNetworkAndForwardsPorts() throws Exception {
        String pid = Long.toString(fixture.agentPid());
        // a veth pair stands in for the VM's NIC; its peer is up so the link has carrier
        ItHost.check("nsenter", "-t", pid, "-n", "ip", "link", "add", "nic0", "address", "02:00:00:00:00:42",
                "type", "veth", "peer", "name", "peer0");
        ItHost.check("nsenter", "-t", pid, "-n", "ip", "link", "set", "peer0", "up");
        ConfigureNetwork.Request network = new ConfigureNetwork.Request(
                List.of(new ConfigureNetwork.Interface("02:00:00:00:00:42", "eth0", List.of("10.99.0.5/24"), 1400)),
                List.of(new ConfigureNetwork.Route("default", "10.99.0.1", "", 0)),
                new ConfigureNetwork.Dns(List.of("10.96.0.10"), List.of("default.svc.cluster.local"), List.of("ndots:5")),
                "pod-a");
        assertEquals(List.of("eth0"), await(client.configureNetwork(network)).names());
        assertEquals(List.of("eth0"), await(client.configureNetwork(network)).names());
        String addresses = ItHost.check("nsenter", "-t", pid, "-n", "ip", "-o", "addr", "show", "dev", "eth0");
        assertTrue(addresses.contains("10.99.0.5/24"), addresses);
        assertTrue(ItHost.check("nsenter", "-t", pid, "-n", "ip", "link", "show", "eth0").contains("mtu 1400"));
        assertTrue(ItHost.check("nsenter", "-t", pid, "-n", "ip", "route").contains("default via 10.99.0.1 dev eth0"));
        assertEquals("search default.svc.cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
                Files.readString(fixture.etc.resolve("resolv.conf")));
        assertEquals("pod-a", ItHost.check("nsenter", "-t", pid, "-u", "hostname").strip());

        mountDisks();
        createContainer("c6", false, "nc", "-ll", "-p", "7777", "-e", "/bin/cat");
        await(client.startContainer("c6", StdioRequest.output()));
        PortForwardStream forward = connectWithRetry(7777);
        forward.toGuest().write("hello\n".getBytes(StandardCharsets.UTF_8));
        forward.toGuest().flush();
        assertEquals("hello\n", new String(forward.fromGuest().readNBytes(6), StandardCharsets.UTF_8));
        forward.close();
        assertKind(CriException.Kind.UNAVAILABLE, () -> await(client.portForward(7778)));
        await(client.deleteContainer("c6", true));
    }

    @Test
    void shutdownStopsEverythingAndTheAgentExits() throws Exception {
        mountDisks();
        createContainer("c7", false, "sleep", "1000");
        await(client.startContainer("c7", StdioRequest.output()));
        Shutdown.Reply reply = await(client.shutdown(Duration.ofSeconds(1)));
        assertEquals(List.of(), reply.problems());
        assertTrue(fixture.agentProcess().waitFor(20, TimeUnit.SECONDS), "the agent did not exit");
        assertEquals(0, fixture.agentProcess().exitValue());
        assertFalse(mounted(""));
        client.closed().get(10, TimeUnit.SECONDS);
        assertKind(CriException.Kind.UNAVAILABLE, () -> await(client.ping()));
    }

    private void mountDisks() {
        MountDisk.Reply layer = await(client.mountDisk(new MountDisk.Request(AgentFixture.LAYER, true, "ext4", List.of(), 5000)));
        assertTrue(layer.mountPoint().endsWith("disks/" + AgentFixture.LAYER), layer::toString);
        await(client.mountDisk(new MountDisk.Request(AgentFixture.SCRATCH, false, "", List.of(), 5000)));
        assertKind(CriException.Kind.NOT_FOUND,
                () -> await(client.mountDisk(new MountDisk.Request("l-missing", true, "", List.of(), 200))));
    }

    private void createContainer(String id, boolean terminal, String... args) throws Exception {
        byte[] spec = fixture.spec(id, terminal, args);
        specs.put(id, spec);
        await(client.createContainer(new CreateContainer.Request(id, spec,
                List.of(AgentFixture.LAYER), AgentFixture.SCRATCH, fixture.cgroupsPath(id), terminal)));
    }

    /** An exec of {@code args} as the host builds it: the container's own process with this command. */
    private ExecSpec exec(String containerId, String execId, boolean tty, StdioRequest stdio, String... args)
            throws IOException {
        List<String> command = List.of(args);
        ExecSpec spec = ExecSpec.of(containerId, execId, command,
                ExecProcessSpec.build(specs.get(containerId), command, tty), stdio);
        return tty ? spec.withTerminal() : spec;
    }

    private ExecResult execSync(String containerId, Duration timeout, String... args) throws Exception {
        List<String> command = List.of(args);
        return await(client.execSync(containerId, command, ExecProcessSpec.build(specs.get(containerId), command,
                false), timeout, 1024));
    }

    private PortForwardStream connectWithRetry(int port) throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                return await(client.portForward(port));
            } catch (CriException e) {
                if (i > 100) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private boolean mounted(String below) throws Exception {
        String prefix = fixture.state.resolve(below).toString();
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(line -> line.split(" ")[4].startsWith(prefix));
    }

    private Exited nextExit() throws InterruptedException {
        Exited exited = exits.poll(30, TimeUnit.SECONDS);
        assertNotNull(exited, "no EXITED event within 30 s");
        return exited;
    }

    private Exited nextExitOf(String containerId) throws InterruptedException {
        while (true) {
            Exited exited = nextExit();
            if (exited.containerId().equals(containerId) && exited.execId().isEmpty()) {
                return exited;
            }
        }
    }

    private static void type(ExecProcess process, String text) throws Exception {
        process.streams().stdin().write(text.getBytes(StandardCharsets.UTF_8));
        process.streams().stdin().flush();
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static <T> T only(List<T> list) {
        assertEquals(1, list.size(), list::toString);
        return list.getFirst();
    }

    private static void assertKind(CriException.Kind kind, org.junit.jupiter.api.function.Executable call) {
        CriException e = assertThrows(CriException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
    }
}
