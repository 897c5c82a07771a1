package dev.janus.isolation.oci;

import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.ContainerUsage;
import dev.janus.isolation.ExecRequest;
import dev.janus.isolation.ExecResult;
import dev.janus.isolation.ExitEvent;
import dev.janus.isolation.HostContext;
import dev.janus.isolation.ProcessStreams;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.SandboxSpec;
import dev.janus.isolation.SandboxStarted;
import dev.janus.isolation.SandboxState;
import dev.janus.isolation.Stdio;
import dev.janus.isolation.fs.DirectoryUsage;
import dev.janus.isolation.fs.Trees;
import dev.janus.isolation.host.CgroupUsage;
import dev.janus.isolation.ocispec.BuiltSpec;
import dev.janus.isolation.ocispec.ContainerInputs;
import dev.janus.isolation.ocispec.DevDirectory;
import dev.janus.isolation.ocispec.HostProbe;
import dev.janus.isolation.ocispec.OciSpecBuilder;
import dev.janus.isolation.ocispec.PodNamespaces;
import dev.janus.isolation.ocispec.SandboxInputs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A handler that runs each pod as a pause process (catatonit) holding the pod's namespaces and
 * each container as an OCI runtime container joining them, every one under its own conmon.
 * Everything it makes is found again from ids alone (see {@link OciLayout}).
 */
final class OciRuntimeHandler implements RuntimeHandler {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);
    private static final Duration LOG_REOPEN_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final OciOptions options;
    private final OciLayout layout;
    private final RuntimeCli runtime;
    private final ConmonLauncher conmon;
    private final ExecRunner exec;
    private final ConmonExec streamingExec;
    private final PodDialer dialer = new PodDialer();
    private final ExitWatcher exits;
    private final OciSpecBuilder specs;
    private final SpecWarningLog warnings = new SpecWarningLog();
    private final Trash stateTrash;
    private final Trash layerTrash;

    OciRuntimeHandler(String name, OciOptions options, HostContext host) {
        this.name = name;
        this.options = options;
        this.layout = OciLayout.of(host.stateDir(), host.rootDir(), name);
        this.runtime = new RuntimeCli(options.runtimePath(), layout.runtimeRoot());
        this.conmon = new ConmonLauncher(options.conmon(), runtime, layout);
        this.exec = new ExecRunner(runtime);
        this.streamingExec = new ConmonExec(options.conmon(), runtime, layout);
        this.exits = new ExitWatcher(layout.exits());
        this.stateTrash = new Trash(layout.stateTrash());
        this.layerTrash = new Trash(layout.layerTrash());
        try {
            for (Path dir : List.of(layout.runtimeRoot(), layout.bundles(), layout.exits(), layout.attach(),
                    layout.containersRoot())) {
                Files.createDirectories(dir);
            }
            stateTrash.emptyLater();
            layerTrash.emptyLater();
            HostProbe probe = HostProbe.host();
            this.specs = new OciSpecBuilder(probe.limits(), probe.features(false), DevDirectory.host());
        } catch (IOException e) {
            throw CriException.internal("cannot prepare handler " + name, e);
        }
        exits.addListener(this::releaseRuntimeState);
        exits.start();
    }

    /**
     * An ended container's OCI runtime state (its state dir and cgroup) is deleted as soon as the
     * process ends, as containerd deletes a task on its exit event, so RemoveContainer has only
     * files left to drop. Runs off the watcher thread; a failure leaves the work to remove().
     */
    private void releaseRuntimeState(ExitEvent exit) {
        Thread.ofVirtual().name("release-" + exit.id()).start(() -> {
            try {
                runtime.deleteForce(exit.id());
            } catch (RuntimeException e) {
                // remove() deletes it again
            }
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SandboxStarted startSandbox(SandboxSpec spec) {
        String id = spec.id();
        Path shm = hostIpc(spec.config()) ? null : layout.shm(id);
        try {
            Files.createDirectories(layout.rootfs(id));
            if (shm != null) {
                HostMounts.shm(shm);
            }
            String cgroups = cgroupsPath(spec.cgroupParent(), id);
            writeBundle(id, cgroups, specs.sandbox(new SandboxInputs(spec, layout.rootfs(id), options.pause(),
                    cgroups, shm, List.of())));
        } catch (IOException e) {
            throw CriException.internal("cannot prepare the bundle of sandbox " + id, e);
        }
        int pid = conmon.create(new ConmonLauncher.Launch(id, "pause", layout.bundle(id), null, false, false, false));
        runtime.start(id);
        markStarted(id);
        return new SandboxStarted(pid);
    }

    @Override
    public void stopSandbox(String sandboxId, Duration timeout) {
        if (!Files.isDirectory(layout.bundle(sandboxId)) || exited(sandboxId)) {
            return;
        }
        runtime.kill(sandboxId, "KILL", true);
        awaitExit(sandboxId, KILL_WAIT);
    }

    @Override
    public void removeSandbox(String sandboxId) {
        remove(sandboxId);
    }

    @Override
    public SandboxState sandboxState(String sandboxId) {
        return switch (containerState(sandboxId).status()) {
            case RUNNING, CREATED -> SandboxState.RUNNING;
            case EXITED -> SandboxState.STOPPED;
            case UNKNOWN -> SandboxState.UNKNOWN;
        };
    }

    @Override
    public void createContainer(ContainerSpec spec) {
        String id = spec.id();
        int pausePid = pid(spec.sandboxId());
        if (pausePid <= 0 || !alive(pausePid)) {
            throw CriException.precondition("sandbox %s has no running pause process", spec.sandboxId());
        }
        PodSandboxConfig pod = spec.sandboxConfig();
        try {
            Path upper = layout.writable(id).resolve("upper");
            Path work = layout.writable(id).resolve("work");
            Files.createDirectories(upper);
            Files.createDirectories(work);
            HostMounts.overlay(spec.layers(), upper, work, layout.rootfs(id));
            if (spec.logPath() != null) {
                Files.createDirectories(spec.logPath().getParent());
            }
            String cgroups = cgroupsPath(pod.getLinux().getCgroupParent(), id);
            writeBundle(id, cgroups, specs.container(new ContainerInputs(spec, layout.rootfs(id),
                    podNamespaces(pod, pausePid), targetPidNamespace(spec), cgroups,
                    hostIpc(pod) ? null : layout.shm(spec.sandboxId()), List.of())));
        } catch (IOException e) {
            throw CriException.internal("cannot prepare the bundle of container " + id, e);
        }
        var config = spec.config();
        try {
            Files.writeString(layout.logPathFile(id), spec.logPath() == null ? "" : spec.logPath().toString());
            LaunchFile.write(layout.launchFile(id), new ConmonLauncher.Launch(id, config.getMetadata().getName(),
                    layout.bundle(id), spec.logPath(), config.getTty(), config.getStdin(), config.getStdinOnce()));
        } catch (IOException e) {
            throw CriException.internal("cannot record how to launch container " + id, e);
        }
    }

    /**
     * The OCI runtime's create runs here, not at CreateContainer, as containerd does it: a created
     * container is a prepared bundle, and its monitor and process come to life together.
     */
    @Override
    public void startContainer(String containerId) {
        if (!Files.exists(layout.pidFile(containerId))) {
            try {
                conmon.create(LaunchFile.read(layout.launchFile(containerId)));
            } catch (IOException e) {
                throw CriException.internal("cannot read how to launch container " + containerId, e);
            }
        }
        runtime.start(containerId);
        markStarted(containerId);
    }

    @Override
    public void stopContainer(String containerId, Duration timeout, String stopSignal) {
        if (!Files.isDirectory(layout.bundle(containerId)) || exited(containerId)) {
            return;
        }
        if (!timeout.isZero()) {
            runtime.kill(containerId, stopSignal == null ? "TERM" : stopSignal, false);
            if (awaitExit(containerId, timeout)) {
                return;
            }
        }
        runtime.kill(containerId, "KILL", true);
        if (!awaitExit(containerId, KILL_WAIT)) {
            throw CriException.internal("container " + containerId + " did not exit after SIGKILL", null);
        }
    }

    @Override
    public void removeContainer(String containerId) {
        remove(containerId);
    }

    @Override
    public ContainerState containerState(String id) {
        if (!Files.isDirectory(layout.bundle(id))) {
            return ContainerState.unknown();
        }
        Instant started = modified(layout.startedFile(id));
        if (exited(id)) {
            return new ContainerState(ContainerState.Status.EXITED, 0, started, modified(layout.exitFile(id)),
                    exitCode(id), Files.exists(layout.oomFile(id)), "");
        }
        int pid = pid(id);
        if (pid <= 0 && !Files.exists(layout.startedFile(id)) && !Files.exists(layout.conmonPidFile(id))) {
            return new ContainerState(ContainerState.Status.CREATED, 0, null, null, 0, false, "");
        }
        boolean monitorAlive = alive(readInt(layout.conmonPidFile(id)));
        if (pid <= 0 || (!alive(pid) && !monitorAlive)) {
            return new ContainerState(ContainerState.Status.EXITED, 0, started, Instant.now(), 255, false,
                    "the container's monitor ended without recording an exit code");
        }
        boolean created = Files.exists(runtime.root().resolve(id).resolve("exec.fifo"));
        return new ContainerState(created ? ContainerState.Status.CREATED : ContainerState.Status.RUNNING,
                pid, started, null, 0, false, "");
    }

    @Override
    public ExecResult execSync(String containerId, ExecRequest request) {
        return exec.run(containerId, request, layout.bundle(containerId));
    }

    @Override
    public boolean supportsStreaming() {
        return true;
    }

    @Override
    public ProcessStreams exec(String containerId, List<String> command, Stdio stdio) {
        requireRunning(containerId, "exec in");
        return streamingExec.start(containerId, command, stdio);
    }

    /** Through the container's own conmon, which outlives janusd: its attach socket and control FIFO. */
    @Override
    public ProcessStreams attach(String containerId, Stdio stdio) {
        requireRunning(containerId, "attach to");
        try {
            return ConmonStreams.attach(AttachSocket.connect(layout.attachSocket(containerId)),
                    new ControlFifo(layout.ctlFifo(containerId)), stdio.tty());
        } catch (IOException e) {
            throw CriException.unavailable("cannot reach the monitor of container %s: %s", containerId, e.getMessage());
        }
    }

    /** Inside the network namespace the sandbox's pause process holds (the host's for hostNetwork pods). */
    @Override
    public SocketChannel openPort(String sandboxId, int port) {
        int pausePid = pid(sandboxId);
        if (!Files.isDirectory(layout.bundle(sandboxId)) || exited(sandboxId) || !alive(pausePid)) {
            throw CriException.precondition("sandbox %s has no running pause process", sandboxId);
        }
        return dialer.dial(Path.of("/proc", Integer.toString(pausePid), "ns", "net"), port);
    }

    private void requireRunning(String containerId, String what) {
        if (containerState(containerId).status() != ContainerState.Status.RUNNING) {
            throw CriException.precondition("container %s is not running: cannot %s it", containerId, what);
        }
    }

    @Override
    public ContainerUsage containerUsage(String containerId) {
        Path cgroupFile = layout.bundle(containerId).resolve("cgroup");
        if (!Files.exists(cgroupFile)) {
            return null;
        }
        CgroupUsage usage;
        try {
            usage = CgroupUsage.read(Files.readString(cgroupFile).trim());
        } catch (IOException e) {
            return null;
        }
        if (usage == null) {
            return null;
        }
        DirectoryUsage.Totals layer = DirectoryUsage.of(layout.writable(containerId).resolve("upper"));
        return new ContainerUsage(Instant.now(), usage.cpuNanos(), usage.workingSetBytes(), usage.usageBytes(),
                usage.rssBytes(), usage.pageFaults(), usage.majorPageFaults(), layer.bytes(), layer.inodes());
    }

    @Override
    public void updateResources(String containerId, LinuxContainerResources resources) {
        runtime.update(containerId, specs.resourcesJson(resources));
    }

    /**
     * conmon's control fifo takes "type height width" lines; type 2 reopens the log file. conmon
     * does it asynchronously, and the CRI promises the new file exists when the call returns, so
     * this waits for it.
     */
    @Override
    public void reopenLog(String containerId) {
        Path ctl = layout.ctlFifo(containerId);
        if (!Files.exists(ctl)) {
            throw CriException.precondition("container %s has no running monitor to reopen its log", containerId);
        }
        // read-write: opening never blocks, even if the monitor has just gone
        try (RandomAccessFile fifo = new RandomAccessFile(ctl.toFile(), "rw")) {
            fifo.write("2 0 0\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw CriException.internal("cannot ask the monitor of " + containerId + " to reopen its log", e);
        }
        String logPath = readString(layout.logPathFile(containerId));
        if (!logPath.isEmpty() && !await(() -> Files.exists(Path.of(logPath)), LOG_REOPEN_WAIT)) {
            throw new CriException(CriException.Kind.DEADLINE_EXCEEDED, "the monitor of container " + containerId
                    + " did not reopen " + logPath + " within " + LOG_REOPEN_WAIT.toSeconds() + "s");
        }
    }

    @Override
    public Set<String> heldIds() {
        Set<String> ids = new TreeSet<>();
        for (Path dir : List.of(layout.bundles(), layout.runtimeRoot(), layout.containersRoot())) {
            try (Stream<Path> entries = Files.list(dir)) {
                entries.forEach(p -> ids.add(p.getFileName().toString()));
            } catch (IOException e) {
                // an absent dir holds nothing
            }
        }
        return ids;
    }

    @Override
    public void onExit(Consumer<ExitEvent> listener) {
        exits.addListener(listener);
    }

    private void remove(String id) {
        if (Files.exists(runtime.root().resolve(id))) {
            runtime.deleteForce(id);
        }
        if (Files.isDirectory(layout.bundle(id)) && alive(readInt(layout.conmonPidFile(id)))) {
            awaitExit(id, Duration.ofSeconds(5));
        }
        HostMounts.unmount(layout.rootfs(id));
        HostMounts.unmount(layout.shm(id));
        stateTrash.discard(layout.bundle(id));
        layerTrash.discard(layout.writable(id));
        Trees.delete(layout.exits().resolve(id));
    }

    private void writeBundle(String id, String cgroupsPath, BuiltSpec built) throws IOException {
        warnings.log(built.warnings());
        Files.write(layout.bundle(id).resolve("config.json"), built.json());
        Files.writeString(layout.bundle(id).resolve("cgroup"), cgroupsPath);
    }

    private void markStarted(String id) {
        try {
            Files.writeString(layout.startedFile(id), Instant.now().toString());
        } catch (IOException e) {
            throw CriException.internal("cannot record the start of " + id, e);
        }
    }

    /** cgroupfs form under the pod's parent; pods without one go under /janus. */
    static String cgroupsPath(String parent, String id) {
        String base = parent == null || parent.isEmpty() ? "/janus" : parent;
        return (base.startsWith("/") ? base : "/" + base) + "/" + id;
    }

    private static boolean hostIpc(PodSandboxConfig pod) {
        return namespaces(pod).getIpc() == NamespaceMode.NODE;
    }

    private static NamespaceOption namespaces(PodSandboxConfig pod) {
        return pod.getLinux().getSecurityContext().getNamespaceOptions();
    }

    /** The pause process's namespaces, except those the pod shares with the host. */
    private static PodNamespaces podNamespaces(PodSandboxConfig pod, int pausePid) {
        NamespaceOption ns = namespaces(pod);
        PodNamespaces all = PodNamespaces.ofProcess(pausePid);
        boolean hostNetwork = ns.getNetwork() == NamespaceMode.NODE;
        return new PodNamespaces(hostNetwork ? null : all.network(),
                ns.getIpc() == NamespaceMode.NODE ? null : all.ipc(),
                hostNetwork ? null : all.uts(),
                ns.getPid() == NamespaceMode.NODE ? null : all.pid());
    }

    private String targetPidNamespace(ContainerSpec spec) {
        NamespaceOption ns = spec.config().getLinux().getSecurityContext().getNamespaceOptions();
        if (ns.getPid() != NamespaceMode.TARGET) {
            return null;
        }
        int pid = pid(ns.getTargetId());
        if (pid <= 0 || !alive(pid)) {
            throw CriException.notFound("target container %s of the pid namespace is not running", ns.getTargetId());
        }
        return "/proc/" + pid + "/ns/pid";
    }

    private boolean exited(String id) {
        return Files.exists(layout.exitFile(id));
    }

    private int exitCode(String id) {
        return readInt(layout.exitFile(id));
    }

    private boolean awaitExit(String id, Duration timeout) {
        return await(() -> exited(id), timeout);
    }

    private static boolean await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private int pid(String id) {
        return readInt(layout.pidFile(id));
    }

    private static boolean alive(int pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static int readInt(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
