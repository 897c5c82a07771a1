package dev.janus.cri.streaming;

import dev.janus.isolation.ProcessStreams;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * exec and attach over SPDY: the client opens one stream per stdio it asked for, each named by
 * its {@code streamtype} header (error, stdin, stdout, stderr, and resize with a terminal from
 * v3 on). Once all are there the session starts; a client that has not opened them within the
 * stream creation timeout is disconnected, as kubelet does.
 */
final class SpdyRemoteCommand implements SpdySession.Listener, CommandTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SpdyRemoteCommand.class);

    private final Dialect dialect;
    private final int expected;
    private final RemoteCommandSession session;
    private final TerminalSizes sizes = new TerminalSizes();
    private final ScheduledFuture<?> creationTimeout;
    private SpdySession spdy;
    private SpdyStream error;
    private SpdyStream stdin;
    private SpdyStream stdout;
    private SpdyStream stderr;
    private SpdyStream resize;
    private int received;

    SpdyRemoteCommand(StreamTarget.RemoteCommand target, Dialect dialect, Channel channel, ReadGate gate,
            Duration creationTimeout) {
        this.dialect = dialect;
        var stdio = target.stdio();
        this.expected = 1 + (stdio.stdin() ? 1 : 0) + (stdio.stdout() ? 1 : 0) + (stdio.stderr() ? 1 : 0)
                + (stdio.tty() && dialect.resize() ? 1 : 0);
        this.session = new RemoteCommandSession(target, this, gate);
        this.creationTimeout = channel.eventLoop().schedule(() -> {
            LOG.info("closing {} connection {}: the client opened {} of {} streams within {}s", target.kind(),
                    channel.remoteAddress(), received, expected, creationTimeout.toSeconds());
            channel.close();
        }, creationTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void bind(SpdySession spdySession) {
        this.spdy = spdySession;
    }

    @Override
    public void opened(SpdyStream stream) {
        switch (stream.header("streamtype")) {
            case "error" -> error = stream;
            case "stdin" -> stdin = stream;
            case "stdout" -> stdout = stream;
            case "stderr" -> stderr = stream;
            case "resize" -> resize = stream;
            default -> {
                LOG.debug("unexpected stream type \"{}\"", stream.header("streamtype"));
                stream.reset();
                return;
            }
        }
        if (++received == expected) {
            creationTimeout.cancel(false);
            if (dialect.version() == 1 && stdin != null) {
                stdin.finish(); // what v1 kubelets did; the client still sends on it
            }
            session.start();
        }
    }

    @Override
    public void data(SpdyStream stream, ByteBuf data) {
        if (stream == stdin) {
            session.stdin(data);
            return;
        }
        try {
            if (stream == resize) {
                sizes.feed(data).forEach(session::resize);
            }
        } finally {
            data.release();
        }
    }

    @Override
    public void remoteFinished(SpdyStream stream) {
        if (stream == stdin) {
            session.stdinClosed();
        }
    }

    @Override
    public void reset(SpdyStream stream) {
        remoteFinished(stream);
    }

    @Override
    public void closed() {
        creationTimeout.cancel(false);
        session.clientGone();
    }

    @Override
    public Outbound output(ProcessStreams.Source source) {
        return source == ProcessStreams.Source.STDOUT ? stdout : stderr;
    }

    @Override
    public void finish(KubeStatus status) {
        if (stdout != null) {
            stdout.finish();
        }
        if (stderr != null) {
            stderr.finish();
        }
        if (error != null) {
            byte[] message = dialect.jsonStatus() ? status.json() : status.text();
            if (message.length > 0) {
                error.writeMessage(message);
            }
            error.finish();
        }
        spdy.goAway();
    }
}
