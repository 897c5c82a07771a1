package dev.janus.isolation.uvm.agent;

import dev.janus.guest.protocol.ops.Exited;
import java.util.concurrent.CompletableFuture;

/**
 * A running exec: its streams, its end (the EXITED event, which comes after its output's end of
 * stream), and the terminal size if it has one. It dies with the agent session that started it.
 */
public final class ExecProcess {

    private final AgentClient client;
    private final ExecSpec spec;
    private final ProcessStreams streams;
    private final CompletableFuture<Exited> exit;

    ExecProcess(AgentClient client, ExecSpec spec, ProcessStreams streams, CompletableFuture<Exited> exit) {
        this.client = client;
        this.spec = spec;
        this.streams = streams;
        this.exit = exit;
    }

    public ProcessStreams streams() {
        return streams;
    }

    /** Completes when it ended; fails with UNAVAILABLE if the session ended first. */
    public CompletableFuture<Exited> exit() {
        return exit;
    }

    public CompletableFuture<Void> resize(int rows, int cols) {
        return client.resizeTty(spec.containerId(), spec.execId(), rows, cols);
    }

    public CompletableFuture<Void> signal(int signal) {
        return client.signal(spec.containerId(), spec.execId(), signal, false);
    }
}
