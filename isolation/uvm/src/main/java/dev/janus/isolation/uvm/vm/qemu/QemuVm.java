package dev.janus.isolation.uvm.vm.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.isolation.uvm.vm.BootTiming;
import dev.janus.isolation.uvm.vm.ChannelEndpoint;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.DiskAddress;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.NicSpec;
import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.VmException;
import dev.janus.isolation.uvm.vm.VmExit;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One QEMU process: its boot, its QMP connection, its exit. Devices are {@link QemuDevices}' job. */
final class QemuVm implements Vm {

    private static final Logger LOG = LoggerFactory.getLogger(QemuVm.class);
    private static final Duration QMP_TIMEOUT = Duration.ofSeconds(10);

    private final VmConfig config;
    private final QemuFiles files;
    private final QemuDevices devices;
    private final RootPorts ports;
    private final AtomicReference<BootTiming> timing = new AtomicReference<>(BootTiming.NONE);
    private final CompletableFuture<BootTiming> agentReady = new CompletableFuture<>();
    private final CompletableFuture<VmExit> exit = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Void>> guestOpened = new ConcurrentHashMap<>();
    private final ConsoleWatcher console;
    private final Accel accel;
    private final QemuOptions options;
    private volatile Qmp qmp;
    private volatile ProcessHandle process;
    private volatile String shutdownReason;
    private volatile boolean killed;

    QemuVm(VmConfig config, Accel accel, QemuOptions options) {
        this.config = config;
        this.accel = accel;
        this.options = options;
        this.files = new QemuFiles(config.vmDir());
        int total = config.disks().size() + config.nics().size() + options.spareRootPorts();
        this.ports = new RootPorts(total, Stream.concat(
                config.disks().stream().map(d -> QemuCommandLine.diskDeviceId(d.id())),
                config.nics().stream().map(n -> QemuCommandLine.nicDeviceId(n.id()))).toList());
        this.devices = new QemuDevices(config, () -> qmp, ports);
        this.console = new ConsoleWatcher(files.consoleLog(),
                () -> timing.updateAndGet(t -> t.withFirstConsoleOutput(Instant.now())), this::onMarker);
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public Path vmDir() {
        return config.vmDir();
    }

    @Override
    public void start() {
        if (process != null) {
            throw new VmException(VmException.Kind.FAILED_PRECONDITION, "VM " + id() + " was started already");
        }
        QemuLauncher.prepare(files);
        console.start();
        timing.updateAndGet(t -> t.withProcessStarted(Instant.now()));
        try {
            process = QemuLauncher.launch(config, accel, options, files);
            attach();
            config.netns().ifPresent(netns -> config.nics().forEach(
                    nic -> TapBridge.connect(netns, nic.endpoint(), nic.tapName())));
            LOG.info("VM {} started with {} (pid {})", id(), accel, process.pid());
        } catch (RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            console.close();
            throw e;
        }
    }

    /** Picks up a VM that a previous janusd started: QMP again, exit watch, devices from QEMU. */
    void reattach(ProcessHandle running) {
        process = running;
        attach();
        ports.occupiedFrom(queryPci());
        devices.adoptDisks(ports.devices());
        // the guest opened its ports long ago, and QEMU has no query for that
        config.channels().forEach(c -> opened(c.name()).complete(null));
        agentReady.complete(timing.get());
    }

    private void attach() {
        try {
            qmp = Qmp.connect(files.qmpSocket(), QMP_TIMEOUT, this::onEvent);
        } catch (IOException e) {
            throw VmException.failed("VM " + id() + ": no QMP: " + e.getMessage(), e);
        }
        process.onExit().thenRun(this::exited);
    }

    private JsonNode queryPci() {
        try {
            return qmp.execute("query-pci", null, QMP_TIMEOUT);
        } catch (IOException e) {
            throw VmException.failed("VM " + id() + ": query-pci: " + e.getMessage(), e);
        }
    }

    private void onEvent(JsonNode event) {
        JsonNode data = event.path("data");
        switch (event.path("event").asText()) {
            case "SHUTDOWN" -> shutdownReason = data.path("reason").asText("shutdown");
            case "DEVICE_DELETED" -> devices.deviceDeleted(data.path("device").asText());
            case "VSERPORT_CHANGE" -> portChanged(data.path("id").asText(), data.path("open").asBoolean());
            default -> { }
        }
    }

    private void portChanged(String portId, boolean open) {
        String channel = portId.startsWith("port-") ? portId.substring("port-".length()) : portId;
        if (!open) {
            guestOpened.remove(channel);
            return;
        }
        opened(channel).complete(null);
        if (channel.equals(config.agentChannel().name())) {
            agentReady.complete(timing.updateAndGet(t -> t.withAgentReady(Instant.now())));
        }
    }

    private CompletableFuture<Void> opened(String channel) {
        return guestOpened.computeIfAbsent(channel, c -> new CompletableFuture<>());
    }

    private void onMarker(String marker, Instant at) {
        if (marker.equals("start")) {
            timing.updateAndGet(t -> t.withInitStarted(at));
        } else if (marker.equals("exec agent")) {
            timing.updateAndGet(t -> t.withAgentStarted(at));
        }
    }

    private void exited() {
        console.close();
        Qmp connection = qmp;
        if (connection != null) {
            connection.close();
        }
        String reason = shutdownReason != null ? shutdownReason : killed ? "killed" : "vanished";
        boolean clean = List.of("guest-shutdown", "host-qmp-quit").contains(reason) && !killed;
        VmExit end = new VmExit(killed ? "killed" : reason, clean, Instant.now());
        LOG.info("VM {} exited: {}", id(), end.reason());
        agentReady.completeExceptionally(VmException.notRunning(id()));
        exit.complete(end);
    }

    @Override
    public VmExit stop(Duration grace) {
        if (process == null || exit.isDone()) {
            return process == null ? new VmExit("never started", true, Instant.now()) : exit.join();
        }
        try {
            qmp.execute("system_powerdown", null, QMP_TIMEOUT);
            return exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.info("VM {} did not power off within {} ms; killing it", id(), grace.toMillis());
            return kill();
        }
    }

    @Override
    public VmExit kill() {
        ProcessHandle running = process;
        if (running == null) {
            return new VmExit("never started", true, Instant.now());
        }
        if (!exit.isDone()) {
            killed = true;
            running.destroyForcibly();
        }
        return exit.join();
    }

    @Override
    public CompletableFuture<VmExit> exit() {
        return exit;
    }

    @Override
    public OptionalLong pid() {
        ProcessHandle running = process;
        return running == null ? OptionalLong.empty() : OptionalLong.of(running.pid());
    }

    @Override
    public BootTiming timing() {
        return timing.get();
    }

    @Override
    public CompletableFuture<BootTiming> agentReady() {
        return agentReady;
    }

    @Override
    public void hotAddDisk(DiskSpec disk) {
        running();
        devices.addDisk(disk);
    }

    @Override
    public DiskAddress diskAddress(String diskId) {
        return devices.diskAddress(diskId);
    }

    @Override
    public void removeDisk(String diskId) {
        running();
        devices.removeDisk(diskId);
    }

    @Override
    public void hotAddNic(NicSpec nic) {
        running();
        devices.addNic(nic);
    }

    @Override
    public void removeNic(String nicId) {
        running();
        devices.removeNic(nicId);
    }

    @Override
    public void addChannel(ChannelSpec channel) {
        running();
        devices.addChannel(channel);
    }

    /** QEMU listens on the port's socket either way: the other process connects to it. */
    @Override
    public void exposeChannel(ChannelSpec channel) {
        addChannel(channel);
    }

    @Override
    public void adoptChannel(ChannelSpec channel) {
        devices.adoptChannel(channel);
    }

    @Override
    public void removeChannel(String name) {
        running();
        devices.removeChannel(name);
    }

    @Override
    public ChannelEndpoint endpoint(String channelName) {
        return new ChannelEndpoint.UnixSocket(files.channelSocket(devices.channel(channelName)));
    }

    @Override
    public ByteChannel openChannel(String channelName, Duration timeout) throws IOException {
        ChannelSpec channel = devices.channel(channelName);
        running();
        try {
            CompletableFuture.anyOf(opened(channelName), exit).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the guest of VM " + id() + " did not open channel " + channelName
                    + " within " + timeout.toMillis() + " ms", e);
        }
        running();
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            socket.connect(UnixDomainSocketAddress.of(files.channelSocket(channel)));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public void close() {
        console.close();
        Qmp connection = qmp;
        if (connection != null) {
            connection.close();
        }
    }

    private void running() {
        if (process == null || exit.isDone()) {
            throw VmException.notRunning(id());
        }
    }
}
