package dev.janus.isolation.uvm.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.isolation.uvm.testing.ItHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The guest agent as a real process on this host, standing in for the VM: in its own network
 * and UTS namespaces, runc instead of crun, disks as loop devices linked by serial, a temporary
 * state directory. Everything it made is undone in {@link #close()}.
 */
final class AgentFixture implements AutoCloseable {

    static final String LAYER = "l-0123456789abcdef";
    static final String SCRATCH = "scratch-it";
    private static final String APPLETS = "sh echo cat sleep stty nc ls true hostname";

    final Path dir;
    final Path socket;
    final Path state;
    final Path etc;
    private final Path disks;
    private final Path agentLog;
    private final List<String> loops = new ArrayList<>();
    private final String cgroupParent = "/janus-agent-it-" + ProcessHandle.current().pid();
    private Process agent;
    private ObjectNode baseSpec;

    AgentFixture() throws IOException {
        dir = Files.createTempDirectory("janus-agent-it");
        socket = dir.resolve("agent.sock");
        state = dir.resolve("state");
        etc = Files.createDirectories(dir.resolve("etc"));
        disks = Files.createDirectories(dir.resolve("disks"));
        agentLog = dir.resolve("agent.log");
    }

    /** A layer disk holding static busybox and its applets, and an empty scratch disk. */
    void makeDisks() throws IOException {
        Path layer = Files.createDirectories(dir.resolve("layer/bin"));
        Files.copy(Path.of("/bin/busybox"), layer.resolve("busybox"));
        for (String applet : APPLETS.split(" ")) {
            Files.createSymbolicLink(layer.resolve(applet), Path.of("busybox"));
        }
        for (String d : List.of("proc", "dev", "sys", "tmp", "etc")) {
            Files.createDirectories(dir.resolve("layer").resolve(d));
        }
        ItHost.check("mke2fs", "-q", "-t", "ext4", "-d", dir.resolve("layer").toString(),
                dir.resolve("layer.img").toString(), "16M");
        ItHost.check("mke2fs", "-q", "-t", "ext4", dir.resolve("scratch.img").toString(), "64M");
        link(LAYER, dir.resolve("layer.img"));
        link(SCRATCH, dir.resolve("scratch.img"));
    }

    private void link(String serial, Path image) throws IOException {
        String loop = ItHost.check("losetup", "-f", "--show", image.toString()).strip();
        loops.add(loop);
        Files.createSymbolicLink(disks.resolve(serial), Path.of(loop));
    }

    /** Starts the agent and waits for its socket. */
    void startAgent() throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "--uts",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m", "-XX:+UseSerialGC",
                "-Djanus.agent.debug=true"));
        Path jar = Path.of("../guest/agent/target/janus-guest-agent.jar").toAbsolutePath().normalize();
        if (Files.exists(jar)) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "dev.janus.guest.agent.AgentMain"));
        }
        command.addAll(List.of("--unix-socket", socket.toString(), "--runtime", "/usr/sbin/runc",
                "--state", state.toString(), "--disk-links", disks.toString(), "--etc", etc.toString(),
                "--no-clock-sync"));
        agent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(agentLog.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(socket)) {
            assertTrue(agent.isAlive(), () -> "the agent exited: " + log());
            assertTrue(System.nanoTime() < deadline, () -> "no agent socket after 30 s: " + log());
            Thread.sleep(20);
        }
    }

    AgentClient connect() throws Exception {
        // the socket file appears at bind(), a moment before listen(): refused until then
        for (int attempt = 0; ; attempt++) {
            try {
                return AgentClient.connect(socket, AgentClient.Options.defaults().withoutClockSync());
            } catch (java.net.ConnectException e) {
                if (attempt > 100) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    long agentPid() {
        return agent.pid();
    }

    Process agentProcess() {
        return agent;
    }

    String log() {
        try {
            return Files.exists(agentLog) ? Files.readString(agentLog) : "(no log)";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }

    /** An OCI spec for runc: its default, without a network namespace (the pod shares the VM's). */
    byte[] spec(String id, boolean terminal, String... args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        if (baseSpec == null) {
            Path bundle = Files.createDirectories(dir.resolve("spec"));
            ItHost.check("runc", "spec", "--bundle", bundle.toString());
            baseSpec = (ObjectNode) json.readTree(bundle.resolve("config.json").toFile());
        }
        ObjectNode spec = baseSpec.deepCopy();
        ObjectNode process = (ObjectNode) spec.get("process");
        process.put("terminal", terminal);
        ArrayNode argv = process.putArray("args");
        for (String arg : args) {
            argv.add(arg);
        }
        ((ObjectNode) spec.get("root")).put("readonly", false);
        ObjectNode linux = (ObjectNode) spec.get("linux");
        linux.put("cgroupsPath", cgroupsPath(id));
        ArrayNode namespaces = linux.putArray("namespaces");
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.addObject().put("type", type);
        }
        return json.writeValueAsBytes(spec);
    }

    String cgroupsPath(String id) {
        return cgroupParent + "/" + id;
    }

    @Override
    public void close() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
        Path runtimeRoot = state.resolve("runtime");
        if (Files.isDirectory(runtimeRoot)) {
            for (String id : ItHost.run("runc", "--root", runtimeRoot.toString(), "list", "-q").split("\\s+")) {
                if (!id.isBlank()) {
                    ItHost.run("runc", "--root", runtimeRoot.toString(), "kill", "-a", id, "KILL");
                    ItHost.run("runc", "--root", runtimeRoot.toString(), "delete", "-f", id);
                }
            }
        }
        unmountBelow(dir);
        for (String loop : loops) {
            ItHost.run("losetup", "-d", loop);
        }
        for (String controller : List.of("", "memory", "cpu", "cpuacct", "pids", "unified", "systemd")) {
            ItHost.run("rmdir", Path.of("/sys/fs/cgroup", controller, cgroupParent.substring(1)).toString());
        }
        if (ItHost.run("grep", "-c", dir.toString(), "/proc/self/mountinfo").strip().equals("0")) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void unmountBelow(Path dir) throws IOException {
        List<String> points = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String point = line.split(" ")[4];
            if (point.startsWith(dir.toString())) {
                points.add(point);
            }
        }
        points.sort(Comparator.reverseOrder());
        for (String point : points) {
            ItHost.run("umount", "-l", point);
        }
    }
}
