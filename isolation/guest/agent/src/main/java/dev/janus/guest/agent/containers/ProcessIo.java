package dev.janus.guest.agent.containers;

import dev.janus.guest.protocol.ops.Stdio;
import dev.janus.guest.protocol.stream.Endpoint;
import java.io.IOException;
import java.time.Duration;

/**
 * The relays of one running process (a container's init or an exec), bound to a session's
 * streams; a container's are bound again by ATTACH_CONTAINER after a host reconnects.
 */
final class ProcessIo {

    private final Launched launched;
    private final OutputRelay stdout;
    private final OutputRelay stderr;
    private final InputRelay stdin;

    ProcessIo(String name, Launched launched) {
        this.launched = launched;
        this.stdout = new OutputRelay(name + "-stdout");
        this.stderr = launched.terminal() ? null : new OutputRelay(name + "-stderr");
        this.stdin = new InputRelay(name + "-stdin", launched.stdin(), !launched.terminal());
    }

    /** Binds to the session's streams, then starts pumping: no output is read before it has a home. */
    void start(Stdio stdio, Endpoint endpoint) {
        bind(stdio, endpoint, true);
        stdout.start(launched.stdout());
        if (stderr != null) {
            stderr.start(launched.stderr());
        }
    }

    void bind(Stdio stdio, Endpoint endpoint, boolean first) {
        if (stdio.stdout() != 0) {
            stdout.bind(endpoint.openOutbound(stdio.stdout()));
        } else {
            stdout.discard();
        }
        if (stderr != null) {
            if (stdio.stderr() != 0) {
                stderr.bind(endpoint.openOutbound(stdio.stderr()));
            } else {
                stderr.discard();
            }
        }
        if (stdio.stdin() != 0) {
            stdin.bind(endpoint.openInbound(stdio.stdin()));
        } else if (first) {
            stdin.none();
        }
    }

    /** After the process exited: waits (a little) for its output to drain, then stops input. */
    void finish(Duration drain) {
        stdout.awaitFinished(drain);
        if (stderr != null) {
            stderr.awaitFinished(drain);
        }
        stdin.stop();
        if (launched.pty() != null) {
            try {
                launched.pty().close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    /** What the process (or the runtime, failing) wrote first on stderr, or on the terminal. */
    String firstErrors(Duration wait) {
        OutputRelay relay = stderr != null ? stderr : stdout;
        relay.awaitFinished(wait);
        return relay.head();
    }

    void resize(int rows, int cols) throws IOException {
        if (launched.pty() == null) {
            throw new IllegalStateException("no terminal");
        }
        launched.pty().resize(rows, cols);
    }
}
