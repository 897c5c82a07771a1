package dev.janus.isolation.uvm.agent;

import dev.janus.guest.protocol.ops.Stdio;
import dev.janus.guest.protocol.stream.InboundStream;
import java.io.OutputStream;

/**
 * Stream ids for one process's stdio. The streams the guest writes (stdout, stderr) are open
 * here before the request goes out, so no early byte is refused; stdin is opened only once the
 * agent answered, as the protocol asks of every writer.
 */
final class StdioPlumbing {

    private final AgentConnection connection;
    private final StdioRequest request;
    private final int stdin;
    private final InboundStream stdout;
    private final InboundStream stderr;

    StdioPlumbing(AgentConnection connection, StdioRequest request) {
        this.connection = connection;
        this.request = request;
        this.stdin = request.stdin() ? connection.nextStreamId() : 0;
        this.stdout = request.stdout() ? connection.endpoint().openInbound(connection.nextStreamId()) : null;
        this.stderr = request.stderr() ? connection.endpoint().openInbound(connection.nextStreamId()) : null;
    }

    Stdio wire() {
        return new Stdio(stdin, stdout == null ? 0 : stdout.id(), stderr == null ? 0 : stderr.id(),
                request.rows(), request.cols());
    }

    /** The agent accepted: stdin may be written now. */
    ProcessStreams streams(int pid) {
        OutputStream in = stdin == 0 ? null : connection.endpoint().openOutbound(stdin);
        return new ProcessStreams(pid, in, stdout, stderr);
    }

    /** The agent refused: the output streams will never carry anything. */
    void abandon() {
        if (stdout != null) {
            stdout.close();
        }
        if (stderr != null) {
            stderr.close();
        }
    }
}
