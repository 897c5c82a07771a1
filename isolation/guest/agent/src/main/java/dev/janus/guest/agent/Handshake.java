package dev.janus.guest.agent;

import dev.janus.guest.agent.session.AgentSession;
import dev.janus.guest.agent.session.Dispatcher;
import dev.janus.guest.agent.sys.GuestClock;
import dev.janus.guest.agent.sys.ProcInfo;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.Protocol;
import dev.janus.guest.protocol.ops.Hello;
import dev.janus.guest.protocol.ops.Ping;
import dev.janus.guest.protocol.ops.SyncTime;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** HELLO (version, clock, who the agent is), PING and SYNC_TIME. */
final class Handshake {

    static final String AGENT_VERSION = "0.1.0";

    private final Supplier<StartupMetrics> startup;
    private final GuestClock clock;
    private final IntSupplier containers;
    private final List<String> features;

    /** @param startup measured once the agent is ready, after this is made */
    Handshake(Supplier<StartupMetrics> startup, GuestClock clock, IntSupplier containers, List<String> features) {
        this.startup = startup;
        this.clock = clock;
        this.containers = containers;
        this.features = List.copyOf(features);
    }

    void register(Dispatcher dispatcher) {
        dispatcher.register(Op.HELLO, Hello.Request.class, this::hello);
        dispatcher.register(Op.PING, Ping.Request.class,
                (q, s) -> new Ping.Reply(ProcInfo.uptimeMillis(), ProcInfo.rssBytes()));
        dispatcher.register(Op.SYNC_TIME, SyncTime.Request.class,
                (q, s) -> new SyncTime.Reply(clock.sync(q.hostTimeUnixNanos(), System.nanoTime())));
    }

    private Hello.Reply hello(Hello.Request request, AgentSession session) {
        long received = System.nanoTime();
        int version = Math.min(request.maxVersion(), Protocol.MAX_VERSION);
        if (version < Math.max(request.minVersion(), Protocol.MIN_VERSION)) {
            throw AgentException.precondition("the host speaks versions %d..%d, this agent %d..%d",
                    request.minVersion(), request.maxVersion(), Protocol.MIN_VERSION, Protocol.MAX_VERSION);
        }
        session.greet();
        Log.info("session %d: hello from %s, protocol %d", session.number(), request.hostName(), version);
        if (request.syncClock()) {
            // off the read loop: setting the clock may wait for a second boundary
            Thread.ofVirtual().start(() -> clock.sync(request.hostTimeUnixNanos(), received));
        }
        StartupMetrics ready = startup.get();
        return new Hello.Reply(version, AGENT_VERSION, ProcInfo.kernelRelease(), session.number(),
                ready.jvmStartToReadyMillis(), ready.uptimeAtReadyMillis(), ready.rssAtReadyBytes(),
                ProcInfo.uptimeMillis(), ProcInfo.rssBytes(), containers.getAsInt(), features);
    }
}
