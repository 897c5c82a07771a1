package dev.janus.isolation.uvm.agent;

import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.ops.AttachContainer;
import dev.janus.guest.protocol.ops.ConfigureNetwork;
import dev.janus.guest.protocol.ops.ContainerInfo;
import dev.janus.guest.protocol.ops.ContainerStats;
import dev.janus.guest.protocol.ops.CreateContainer;
import dev.janus.guest.protocol.ops.DeleteContainer;
import dev.janus.guest.protocol.ops.Exec;
import dev.janus.guest.protocol.ops.Exited;
import dev.janus.guest.protocol.ops.Hello;
import dev.janus.guest.protocol.ops.ListContainers;
import dev.janus.guest.protocol.ops.MountDisk;
import dev.janus.guest.protocol.ops.Ping;
import dev.janus.guest.protocol.ops.PortForward;
import dev.janus.guest.protocol.ops.ResizeTty;
import dev.janus.guest.protocol.ops.MountShare;
import dev.janus.guest.protocol.ops.SetSysctls;
import dev.janus.guest.protocol.ops.UnmountShare;
import dev.janus.guest.protocol.ops.Shutdown;
import dev.janus.guest.protocol.ops.SignalProcess;
import dev.janus.guest.protocol.ops.StartContainer;
import dev.janus.guest.protocol.ops.SyncTime;
import dev.janus.guest.protocol.ops.UnmountDisk;
import dev.janus.guest.protocol.ops.UpdateResources;
import dev.janus.guest.protocol.ops.WaitContainer;
import dev.janus.guest.protocol.ops.WriteFile;
import dev.janus.guest.protocol.stream.ByteChannelStreams;
import dev.janus.guest.protocol.stream.InboundStream;
import dev.janus.isolation.ExecResult;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * janusd's client of the guest agent in one VM: one session over an already connected channel
 * (QEMU's unix socket for the virtio-serial port; hvsock under Hyper-V; a pipe pair in tests).
 * Every request returns a future that fails with a {@link CriException}: the agent's error kind,
 * DEADLINE_EXCEEDED when it did not answer in time, UNAVAILABLE once the channel is dead. After a
 * janusd restart, connect again: HELLO begins a new session; {@link #listContainers()} tells what
 * happened meanwhile and {@link #attachContainer} takes the containers' output up again.
 */
public final class AgentClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentClient.class);
    /** The largest 9P message of a share: the server's own limit. */
    private static final int SHARE_MSIZE = 512 * 1024;
    /** How long the guest waits for a hot-added port to show up. */
    private static final long SHARE_PORT_WAIT_MILLIS = 20_000;

    /**
     * @param handshakeTimeout for the agent to answer HELLO (a booting VM's agent may not be up yet)
     * @param keepAlive PING this often and close the connection when one goes unanswered; zero: never
     */
    public record Options(String hostName, Duration handshakeTimeout, Duration requestTimeout, boolean syncClock,
            Duration keepAlive) {

        public static Options defaults() {
            return new Options("janusd", Duration.ofSeconds(60), Duration.ofSeconds(30), true, Duration.ZERO);
        }

        public Options withoutClockSync() {
            return new Options(hostName, handshakeTimeout, requestTimeout, false, keepAlive);
        }

        public Options withKeepAlive(Duration interval) {
            return new Options(hostName, handshakeTimeout, requestTimeout, syncClock, interval);
        }
    }

    private final AgentConnection connection;
    private final Options options;
    private final List<Consumer<Exited>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Exited>> execExits = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("guest-agent-events").factory());
    private final AtomicLong syncExecs = new AtomicLong();
    private final Hello.Reply agent;

    private AgentClient(ReadableByteChannel in, WritableByteChannel out, Closeable channel, Options options) {
        this.options = options;
        this.connection = new AgentConnection(ByteChannelStreams.in(in), ByteChannelStreams.out(out), channel,
                this::onExited);
        connection.closed().thenRun(this::onClosed);
        this.agent = AgentHandshake.run(connection, options);
        if (options.syncClock()) {
            // not awaited: the agent sets the clock at the next second boundary, in parallel with what follows
            syncTime().whenComplete((r, failure) -> {
                if (failure != null) {
                    LOG.warn("guest clock not set: {}", AgentErrors.unwrap(failure).getMessage());
                } else {
                    LOG.debug("guest clock was {} ms off", r.offsetNanos() / 1_000_000);
                }
            });
        }
        if (!options.keepAlive().isZero()) {
            Thread.ofVirtual().name("guest-agent-keepalive").start(this::keepAlive);
        }
    }

    /** Handshakes over a connected channel; throws CriException (UNAVAILABLE) if the agent does not answer. */
    public static AgentClient connect(ByteChannel channel, Options options) {
        return new AgentClient(channel, channel, channel, options);
    }

    public static AgentClient connect(ReadableByteChannel in, WritableByteChannel out, Closeable channel, Options options) {
        return new AgentClient(in, out, channel, options);
    }

    /** Connects to a unix socket (QEMU's side of the agent's virtio-serial port) and handshakes. */
    public static AgentClient connect(Path unixSocket, Options options) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(unixSocket));
        return connect(channel, options);
    }

    /** The agent's HELLO reply: version, session number, start time and RSS, containers it holds. */
    public Hello.Reply agent() {
        return agent;
    }

    public CompletableFuture<Ping.Reply> ping() {
        return call(new Ping.Request(), Ping.Reply.class);
    }

    public CompletableFuture<SyncTime.Reply> syncTime() {
        return call(new SyncTime.Request(AgentHandshake.nowNanos()), SyncTime.Reply.class);
    }

    /** Writes a whole file in the guest (the pod's hosts, resolv.conf, hostname), atomically. */
    public CompletableFuture<Void> writeFile(String guestPath, byte[] content, int mode) {
        return call(new WriteFile.Request(guestPath, content, mode), WriteFile.Reply.class).thenApply(r -> null);
    }

    public CompletableFuture<MountDisk.Reply> mountDisk(MountDisk.Request request) {
        return call(request, MountDisk.Reply.class, options.requestTimeout().plusMillis(request.waitMillis()));
    }

    public CompletableFuture<Void> unmountDisk(String serial) {
        return call(new UnmountDisk.Request(serial), UnmountDisk.Reply.class).thenApply(r -> null);
    }

    /** Mounts a 9P share whose server answers on the virtio-serial port {@code port}. */
    /** @param vsockPort the share's hvsock port under Hyper-V; 0 for QEMU's virtio-serial port {@code port} */
    public CompletableFuture<Void> mountShare(String port, int vsockPort, String aname, String target,
            boolean readOnly) {
        return call(new MountShare.Request(port, aname, target, readOnly, SHARE_MSIZE, "mmap", SHARE_PORT_WAIT_MILLIS,
                vsockPort),
                MountShare.Reply.class, options.requestTimeout().plusMillis(SHARE_PORT_WAIT_MILLIS))
                .thenApply(r -> null);
    }

    public CompletableFuture<Void> unmountShare(String target) {
        return call(new UnmountShare.Request(target), UnmountShare.Reply.class).thenApply(r -> null);
    }

    /** The pod's sysctls, "name=value" in dotted form, set in the guest kernel. */
    public CompletableFuture<Void> setSysctls(List<String> sysctls) {
        return call(new SetSysctls.Request(sysctls), SetSysctls.Reply.class).thenApply(r -> null);
    }

    public CompletableFuture<ConfigureNetwork.Reply> configureNetwork(ConfigureNetwork.Request request) {
        return call(request, ConfigureNetwork.Reply.class);
    }

    public CompletableFuture<CreateContainer.Reply> createContainer(CreateContainer.Request request) {
        return call(request, CreateContainer.Reply.class);
    }

    /** Starts a created container; its output flows on the returned streams from the first byte. */
    public CompletableFuture<ProcessStreams> startContainer(String id, StdioRequest stdio) {
        StdioPlumbing plumbing = new StdioPlumbing(connection, stdio);
        return withStreams(call(new StartContainer.Request(id, plumbing.wire()), StartContainer.Reply.class),
                plumbing, StartContainer.Reply::pid);
    }

    /** Takes up a running container's stdio in this session (after janusd reconnected). */
    public CompletableFuture<ProcessStreams> attachContainer(String id, StdioRequest stdio) {
        StdioPlumbing plumbing = new StdioPlumbing(connection, stdio);
        return withStreams(call(new AttachContainer.Request(id, plumbing.wire()), AttachContainer.Reply.class),
                plumbing, r -> r.container().pid());
    }

    /** Signals a container's init ({@code execId} empty) or an exec; a container that exited: success. */
    public CompletableFuture<Void> signal(String containerId, String execId, int signal, boolean all) {
        return call(new SignalProcess.Request(containerId, execId, signal, all), SignalProcess.Reply.class)
                .thenApply(r -> null);
    }

    /** Waits in the guest up to {@code timeout}; {@code exited} false if it still runs then. */
    public CompletableFuture<WaitContainer.Reply> waitContainer(String id, Duration timeout) {
        return call(new WaitContainer.Request(id, timeout.toMillis()), WaitContainer.Reply.class,
                options.requestTimeout().plus(timeout));
    }

    public CompletableFuture<Void> deleteContainer(String id, boolean force) {
        return call(new DeleteContainer.Request(id, force), DeleteContainer.Reply.class).thenApply(r -> null);
    }

    public CompletableFuture<List<ContainerInfo>> listContainers() {
        return call(new ListContainers.Request(), ListContainers.Reply.class).thenApply(ListContainers.Reply::containers);
    }

    public CompletableFuture<ContainerStats.Reply> containerStats(String id) {
        return call(new ContainerStats.Request(id), ContainerStats.Reply.class);
    }

    /** New cgroup limits for a running container: {@code resources} is the OCI linux.resources JSON. */
    public CompletableFuture<Void> updateResources(String id, byte[] resources) {
        return call(new UpdateResources.Request(id, resources), UpdateResources.Reply.class).thenApply(r -> null);
    }

    public CompletableFuture<Void> resizeTty(String containerId, String execId, int rows, int cols) {
        return call(new ResizeTty.Request(containerId, execId, rows, cols), ResizeTty.Reply.class).thenApply(r -> null);
    }

    /** Runs a process in a container; its exit future completes at the EXITED event. */
    public CompletableFuture<ExecProcess> exec(ExecSpec spec) {
        String key = spec.containerId() + "/" + spec.execId();
        CompletableFuture<Exited> exit = new CompletableFuture<>();
        if (execExits.putIfAbsent(key, exit) != null) {
            return CompletableFuture.failedFuture(CriException.alreadyExists("exec %s is running", key));
        }
        StdioPlumbing plumbing = new StdioPlumbing(connection, spec.stdio());
        Exec.Request request = new Exec.Request(spec.containerId(), spec.execId(), spec.args(), List.of(), "", "",
                spec.terminal(), plumbing.wire(), spec.timeout().toMillis(), spec.process());
        return withStreams(call(request, Exec.Reply.class), plumbing, Exec.Reply::pid)
                .<ExecProcess>thenApply(streams -> new ExecProcess(this, spec, streams, exit))
                .whenComplete((p, failure) -> {
                    if (failure != null) {
                        execExits.remove(key, exit);
                    }
                });
    }

    /**
     * ExecSync: runs to the end, keeping up to {@code maxOutputBytes} of stdout and of stderr.
     *
     * @param process the OCI process JSON (see {@link ExecSpec#process()})
     */
    public CompletableFuture<ExecResult> execSync(String containerId, List<String> args, byte[] process,
            Duration timeout, int maxOutputBytes) {
        ExecSpec spec = ExecSpec.of(containerId, "sync-" + syncExecs.incrementAndGet(), args, process,
                StdioRequest.output()).withTimeout(timeout);
        return exec(spec).thenCompose(started -> ExecCollector.collect(started, maxOutputBytes));
    }

    /** A TCP connection to 127.0.0.1:{@code port} in the VM; UNAVAILABLE if nothing listens there. */
    public CompletableFuture<PortForwardStream> portForward(int port) {
        int toGuest = connection.nextStreamId();
        InboundStream fromGuest = connection.endpoint().openInbound(connection.nextStreamId());
        return call(new PortForward.Request(port, toGuest, fromGuest.id()), PortForward.Reply.class)
                .whenComplete((r, failure) -> {
                    if (failure != null) {
                        fromGuest.close();
                    }
                })
                .thenApply(r -> new PortForwardStream(connection.endpoint().openOutbound(toGuest), fromGuest));
    }

    /** Stops every container, unmounts, syncs; the agent exits after the reply and the VM powers off. */
    public CompletableFuture<Shutdown.Reply> shutdown(Duration stopTimeout) {
        return call(new Shutdown.Request(stopTimeout.toMillis()), Shutdown.Reply.class,
                options.requestTimeout().plus(stopTimeout).plusSeconds(30));
    }

    /** Any operation, for one this class has no method for yet. */
    public <R extends Record> CompletableFuture<R> call(Record request, Class<R> replyType, Duration timeout) {
        return connection.call(Op.ofRequest(request.getClass()), request, replyType, timeout);
    }

    /** Called on one event thread for every container or exec that exits. */
    public void onExit(Consumer<Exited> listener) {
        listeners.add(listener);
    }

    /** Completes when the channel is dead (closed, broken, or the agent exited). */
    public CompletableFuture<Void> closed() {
        return connection.closed();
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Joins a future of this client, throwing the CriException it failed with. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            throw AgentErrors.unwrap(e);
        }
    }

    @Override
    public void close() {
        connection.close();
        events.shutdown();
    }

    private <R extends Record> CompletableFuture<R> call(Record request, Class<R> replyType) {
        return call(request, replyType, options.requestTimeout());
    }

    private static <R> CompletableFuture<ProcessStreams> withStreams(CompletableFuture<R> reply, StdioPlumbing plumbing,
            java.util.function.ToIntFunction<R> pid) {
        return reply.whenComplete((r, failure) -> {
            if (failure != null) {
                plumbing.abandon();
            }
        }).thenApply(r -> plumbing.streams(pid.applyAsInt(r)));
    }

    private void onExited(Exited exited) {
        events.execute(() -> {
            if (!exited.execId().isEmpty()) {
                CompletableFuture<Exited> exit = execExits.remove(exited.containerId() + "/" + exited.execId());
                if (exit != null) {
                    exit.complete(exited);
                }
            }
            for (Consumer<Exited> listener : listeners) {
                try {
                    listener.accept(exited);
                } catch (RuntimeException e) {
                    LOG.warn("exit listener failed for {}", exited, e);
                }
            }
        });
    }

    private void onClosed() {
        CriException cause = connection.closeCause();
        execExits.values().forEach(f -> f.completeExceptionally(cause));
        execExits.clear();
        LOG.info("guest agent connection closed: {}", cause.getMessage());
    }

    private void keepAlive() {
        Duration interval = options.keepAlive();
        while (connection.isOpen()) {
            try {
                Thread.sleep(interval);
                connection.call(Op.PING, new Ping.Request(), Ping.Reply.class, interval).get(interval.toMillis() * 2,
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (connection.isOpen()) {
                    LOG.warn("guest agent did not answer PING: {}", AgentErrors.unwrap(e).getMessage());
                    connection.close();
                }
                return;
            }
        }
    }
}
