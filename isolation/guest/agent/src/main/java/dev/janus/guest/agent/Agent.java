package dev.janus.guest.agent;

import dev.janus.guest.agent.containers.ContainerService;
import dev.janus.guest.agent.forward.PortForwarder;
import dev.janus.guest.agent.link.AgentTransport;
import dev.janus.guest.agent.link.HostLink;
import dev.janus.guest.agent.link.UnixSocketTransport;
import dev.janus.guest.agent.link.VirtioSerialTransport;
import dev.janus.guest.agent.link.VsockTransport;
import dev.janus.guest.agent.net.NetworkSetup;
import dev.janus.guest.agent.session.AgentSession;
import dev.janus.guest.agent.session.Dispatcher;
import dev.janus.guest.agent.session.SessionLoop;
import dev.janus.guest.agent.storage.DiskLookup;
import dev.janus.guest.agent.storage.DiskMounts;
import dev.janus.guest.agent.storage.LinkedDisks;
import dev.janus.guest.agent.storage.Mounts;
import dev.janus.guest.agent.storage.RootfsAssembler;
import dev.janus.guest.agent.storage.ShareMounts;
import dev.janus.guest.agent.storage.VirtioBlockDisks;
import dev.janus.guest.agent.sys.Busybox;
import dev.janus.guest.agent.sys.Command;
import dev.janus.guest.agent.sys.GuestClock;
import dev.janus.guest.agent.sys.NativeOps;
import dev.janus.guest.protocol.EventType;
import dev.janus.guest.protocol.FrameWriter;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.ops.Shutdown;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The agent: its services wired to one dispatcher, sessions served one link after another, and
 * the orderly shutdown (by SHUTDOWN, or SIGTERM from init's power button) that ends it.
 */
public final class Agent {

    private final AgentArgs args;
    private final AgentTransport transport;
    private final Dispatcher dispatcher = new Dispatcher();
    private final DiskMounts disks;
    private final ContainerService containers;
    private final Busybox busybox;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private volatile AgentSession current;

    Agent(AgentArgs args, Supplier<StartupMetrics> startup) throws IOException {
        this.args = args;
        Files.createDirectories(args.state());
        NativeOps natives = NativeOps.load();
        this.busybox = new Busybox(args.busybox());
        this.transport = transport(args, natives);
        Mounts mounts = new Mounts(busybox);
        DiskLookup lookup = args.diskLinks() != null ? new LinkedDisks(args.diskLinks()) : new VirtioBlockDisks();
        this.disks = new DiskMounts(lookup, mounts, args.state());
        this.containers = new ContainerService(args.runtime(), args.state(), args.cgroupRoot(), disks,
                new RootfsAssembler(mounts), busybox, natives, this::sendEvent, () -> sessions.get());
        List<String> features = natives.available() ? List.of("terminal") : List.of();
        new Handshake(startup, new GuestClock(args.clockSync(), busybox), containers::count, features)
                .register(dispatcher);
        new GuestSetup(disks, new NetworkSetup(busybox, args.etc()), containers, new ShareMounts(natives))
                .register(dispatcher);
        containers.register(dispatcher);
        new PortForwarder().register(dispatcher);
        dispatcher.register(Op.SHUTDOWN, Shutdown.Request.class, (q, s) -> shutdown(Duration.ofMillis(
                q.stopTimeoutMillis() > 0 ? q.stopTimeoutMillis() : 10_000)));
        dispatcher.afterReply(Op.SHUTDOWN, () -> Thread.ofPlatform().start(() -> System.exit(0)));
        if (!natives.available()) {
            Log.warn("%s", natives.getClass().getSimpleName() + ": terminals and AF_VSOCK are not available");
        }
    }

    private static AgentTransport transport(AgentArgs args, NativeOps natives) {
        if (args.channel() != null) {
            return new VirtioSerialTransport(args.channel());
        }
        if (args.unixSocket() != null) {
            return new UnixSocketTransport(args.unixSocket());
        }
        return new VsockTransport(args.vsockPort(), natives);
    }

    /** Serves sessions until shutdown; a transport that cannot give a link at all is fatal. */
    void serve() throws IOException {
        Log.info("waiting for the host on %s", transport.describe());
        HostLink lastLink = null;
        FrameWriter writer = null;
        while (!shutDown.get()) {
            HostLink link = transport.awaitLink();
            if (link != lastLink) {
                lastLink = link;
                writer = new FrameWriter(link.out());
            }
            try {
                new SessionLoop(link, writer, this::newSession).run();
            } catch (IOException e) {
                Log.warn("link to the host broke: %s", e.getMessage());
                pause(link);
            } finally {
                if (!link.outlivesSession()) {
                    link.close();
                }
            }
        }
    }

    AgentSession newSession(FrameWriter writer) {
        AgentSession session = new AgentSession(sessions.incrementAndGet(), writer, dispatcher);
        current = session;
        Log.info("session %d began", session.number());
        return session;
    }

    private void sendEvent(EventType type, Record event) {
        AgentSession session = current;
        if (session != null && session.isOpen()) {
            session.sendEvent(type, event);
        }
    }

    /** Stops and deletes every container, unmounts every disk, syncs. Once. */
    Shutdown.Reply shutdown(Duration grace) {
        if (!shutDown.compareAndSet(false, true)) {
            return new Shutdown.Reply(List.of("already shut down"));
        }
        Log.info("shutting down: containers get %d ms", grace.toMillis());
        List<String> problems = new ArrayList<>(containers.stopAndDeleteAll(grace));
        for (String serial : disks.serials()) {
            try {
                disks.unmount(serial);
            } catch (AgentException e) {
                problems.add(serial + ": " + e.getMessage());
            }
        }
        Command.run(Duration.ofSeconds(30), busybox.argv("sync"));
        Log.info("shut down%s", problems.isEmpty() ? "" : " with problems: " + problems);
        return new Shutdown.Reply(problems);
    }

    boolean isShutDown() {
        return shutDown.get();
    }

    AgentArgs args() {
        return args;
    }

    private static void pause(HostLink link) {
        if (link.outlivesSession()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
