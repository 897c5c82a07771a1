package dev.janus.isolation.uvm.vm.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.isolation.hvsock.HvSocketListener;
import dev.janus.isolation.hvsock.WinSock;
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
import java.nio.channels.ByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Linux utility VM as an HCS compute system. The hvsock listeners for its channels exist
 * before it starts (the guest connects to the host); the agent's connection is accepted in the
 * background so that {@link #agentReady} completes when the guest agent dials in.
 */
final class HcsVm implements Vm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TERMINATE_WAIT = Duration.ofSeconds(30);

    private final VmConfig config;
    private final HcsSystem system;
    private final WinSock ws;
    private final DiskPlacement placement;
    private final UUID runtimeId;
    private final Map<String, ChannelSpec> channels = new ConcurrentHashMap<>();
    private final Map<String, HvSocketListener> listeners = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ByteChannel>> accepted = new ConcurrentHashMap<>();
    private final Map<String, NicSpec> nics = new ConcurrentHashMap<>();
    private final AtomicReference<BootTiming> timing = new AtomicReference<>(BootTiming.NONE);
    private final CompletableFuture<BootTiming> agentReady = new CompletableFuture<>();
    private final CompletableFuture<VmExit> exit = new CompletableFuture<>();
    private volatile boolean started;
    private volatile boolean killed;

    HcsVm(VmConfig config, HcsSystem system, WinSock ws, DiskPlacement placement) {
        this.config = config;
        this.system = system;
        this.ws = ws;
        this.placement = placement;
        system.onEvent(this::onEvent);
        this.runtimeId = UUID.fromString(runtimeId(system.properties("{}")));
        config.nics().forEach(n -> nics.put(n.id(), n));
        for (ChannelSpec channel : config.channels()) {
            listen(channel);
        }
    }

    static String runtimeId(String properties) {
        try {
            return JSON.readTree(properties).path("RuntimeId").asText();
        } catch (IOException e) {
            throw VmException.failed("HCS properties are not JSON: " + properties, e);
        }
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
        timing.updateAndGet(t -> t.withProcessStarted(Instant.now()));
        system.start();
        started = true;
    }

    /** A system found again after a janusd restart: it runs, and its guest is connected already. */
    void attached() {
        started = true;
        agentReady.complete(timing.get());
    }

    private void onEvent(int type, String data) {
        if (type == ComputeCore.HCS_EVENT_SYSTEM_EXITED) {
            String exitType = exitType(data);
            boolean clean = !killed && !"UnexpectedExit".equals(exitType);
            finish(new VmExit(killed ? "killed" : exitType, clean, Instant.now()));
        } else if (type == ComputeCore.HCS_EVENT_SERVICE_DISCONNECT) {
            finish(new VmExit("hcs-disconnected", false, Instant.now()));
        }
    }

    private static String exitType(String data) {
        try {
            return JSON.readTree(data).path("ExitType").asText("exited");
        } catch (IOException e) {
            return "exited";
        }
    }

    private void finish(VmExit end) {
        listeners.values().forEach(HvSocketListener::close);
        agentReady.completeExceptionally(VmException.notRunning(id()));
        exit.complete(end);
    }

    @Override
    public VmExit stop(Duration grace) {
        if (!started || exit.isDone()) {
            return started ? exit.join() : new VmExit("never started", true, Instant.now());
        }
        system.shutdown();
        try {
            return exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return kill();
        }
    }

    @Override
    public VmExit kill() {
        if (!exit.isDone()) {
            killed = true;
            system.terminate();
        }
        try {
            return exit.get(TERMINATE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new VmException(VmException.Kind.DEADLINE_EXCEEDED, "VM " + id() + " did not end after terminate");
        }
    }

    @Override
    public CompletableFuture<VmExit> exit() {
        return exit;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
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
    public synchronized void hotAddDisk(DiskSpec disk) {
        running();
        DiskAddress address = placement.place(disk);
        try {
            system.modify(HcsVmDocuments.addDisk(address, disk).toString());
        } catch (RuntimeException e) {
            placement.release(disk.id());
            throw e;
        }
    }

    @Override
    public synchronized DiskAddress diskAddress(String diskId) {
        return placement.address(diskId);
    }

    @Override
    public synchronized void removeDisk(String diskId) {
        running();
        system.modify(HcsVmDocuments.removeDisk(placement.address(diskId)).toString());
        placement.release(diskId);
    }

    @Override
    public synchronized void hotAddNic(NicSpec nic) {
        running();
        if (nics.putIfAbsent(nic.id(), nic) != null) {
            throw VmException.exists(id(), "NIC " + nic.id());
        }
        try {
            system.modify(HcsVmDocuments.addNic(config, nic).toString());
        } catch (RuntimeException e) {
            nics.remove(nic.id());
            throw e;
        }
    }

    @Override
    public synchronized void removeNic(String nicId) {
        running();
        if (!nics.containsKey(nicId)) {
            throw VmException.notFound(id(), "NIC " + nicId);
        }
        system.modify(HcsVmDocuments.removeNic(config, nicId).toString());
        nics.remove(nicId);
    }

    @Override
    public synchronized void addChannel(ChannelSpec channel) {
        running();
        if (channels.containsKey(channel.name())) {
            throw VmException.exists(id(), "channel " + channel.name());
        }
        system.modify(HcsVmDocuments.addChannel(channel).toString());
        listen(channel);
    }

    @Override
    public synchronized void exposeChannel(ChannelSpec channel) {
        running();
        if (channels.containsKey(channel.name())) {
            throw VmException.exists(id(), "channel " + channel.name());
        }
        system.modify(HcsVmDocuments.addChannel(channel).toString());
        channels.put(channel.name(), channel);
    }

    @Override
    public synchronized void adoptChannel(ChannelSpec channel) {
        channels.putIfAbsent(channel.name(), channel);
    }

    @Override
    public synchronized void removeChannel(String name) {
        ChannelSpec channel = channel(name);
        running();
        system.modify(HcsVmDocuments.removeChannel(channel).toString());
        channels.remove(name);
        HvSocketListener listener = listeners.remove(name);
        if (listener != null) {
            listener.close();
        }
    }

    @Override
    public ChannelEndpoint endpoint(String channelName) {
        return new ChannelEndpoint.HvSocket(runtimeId.toString(), channel(channelName).hvSocketServiceId());
    }

    @Override
    public ByteChannel openChannel(String channelName, Duration timeout) throws IOException {
        channel(channelName);
        CompletableFuture<ByteChannel> connection = accepted.get(channelName);
        try {
            ByteChannel channel = connection.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            accepted.remove(channelName, connection);
            return channel;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the guest of VM " + id() + " did not connect channel " + channelName, e);
        }
    }

    @Override
    public void close() {
        listeners.values().forEach(HvSocketListener::close);
        system.close();
    }

    /** Binds the channel's listener and accepts the guest's connection in the background. */
    private void listen(ChannelSpec channel) {
        HvSocketListener listener;
        try {
            listener = HvSocketListener.bind(ws, runtimeId, UUID.fromString(channel.hvSocketServiceId()));
        } catch (IOException e) {
            throw VmException.failed("VM " + id() + ": " + e.getMessage(), e);
        }
        channels.put(channel.name(), channel);
        listeners.put(channel.name(), listener);
        CompletableFuture<ByteChannel> connection = new CompletableFuture<>();
        accepted.put(channel.name(), connection);
        Thread.ofVirtual().name("hvsock-" + id() + "-" + channel.name()).start(() -> {
            try {
                connection.complete(listener.accept(HcsSystem.CREATE_TIMEOUT));
                if (channel.name().equals(config.agentChannel().name())) {
                    agentReady.complete(timing.updateAndGet(t -> t.withAgentReady(Instant.now())));
                }
            } catch (IOException e) {
                connection.completeExceptionally(e);
            }
        });
    }

    private ChannelSpec channel(String name) {
        ChannelSpec channel = channels.get(name);
        if (channel == null) {
            throw VmException.notFound(id(), "channel " + name);
        }
        return channel;
    }

    private void running() {
        if (!started || exit.isDone()) {
            throw VmException.notRunning(id());
        }
    }
}
