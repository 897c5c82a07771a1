package dev.janus.cri.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Port-forward over SPDY (portforward.k8s.io): for each connection the client makes, it opens an
 * error stream and a data stream, with headers {@code streamtype}, {@code port} and
 * {@code requestID} pairing them (old clients send no requestID: it is derived from the stream
 * ids, as kubelet does). A complete pair becomes a {@link PortTunnel}; an error (refused port...)
 * is written on the error stream. Once the pod's side ended, the error stream is finished, which
 * is what lets client-go finish the connection.
 */
final class PortForwardSpdy implements SpdySession.Listener {

    /** The two streams of one forwarded connection, as they arrive. */
    private static final class Pair {
        SpdyStream data;
        SpdyStream error;
        ScheduledFuture<?> timeout;
    }

    private final StreamTarget.PortForward target;
    private final Channel channel;
    private final ReadGate gate;
    private final Writability writability;
    private final Duration creationTimeout;
    private final Map<String, Pair> pending = new HashMap<>();
    private final Map<Integer, PortTunnel> tunnels = new HashMap<>();

    PortForwardSpdy(StreamTarget.PortForward target, Channel channel, ReadGate gate, Writability writability,
            Duration creationTimeout) {
        this.target = target;
        this.channel = channel;
        this.gate = gate;
        this.writability = writability;
        this.creationTimeout = creationTimeout;
    }

    @Override
    public void opened(SpdyStream stream) {
        String type = stream.header("streamtype");
        if (!type.equals("data") && !type.equals("error")) {
            stream.reset();
            return;
        }
        String requestId = requestId(stream, type);
        Pair pair = pending.computeIfAbsent(requestId, id -> newPair(id));
        if (type.equals("data")) {
            pair.data = stream;
        } else {
            pair.error = stream;
        }
        if (pair.data != null && pair.error != null) {
            pending.remove(requestId);
            pair.timeout.cancel(false);
            start(pair);
        }
    }

    private static String requestId(SpdyStream stream, String type) {
        String id = stream.header("requestid");
        if (!id.isEmpty()) {
            return id;
        }
        return Integer.toString(type.equals("error") ? stream.id() : stream.id() - 2);
    }

    private Pair newPair(String requestId) {
        Pair pair = new Pair();
        pair.timeout = channel.eventLoop().schedule(() -> {
            pending.remove(requestId);
            SpdyStream present = pair.error != null ? pair.error : pair.data;
            if (pair.error != null) {
                pair.error.writeMessage(("timed out waiting for the data stream of request " + requestId)
                        .getBytes(StandardCharsets.UTF_8));
            }
            present.reset();
        }, creationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return pair;
    }

    private void start(Pair pair) {
        int port = parsePort(pair.data.header("port"));
        if (port <= 0) {
            fail(pair, "invalid port \"" + pair.data.header("port") + "\"");
            pair.data.finish();
            pair.error.finish();
            return;
        }
        PortTunnel tunnel = new PortTunnel(port, pair.data, channel, gate, writability, new PortTunnel.Events() {
            @Override
            public void failed(String message) {
                fail(pair, String.format("error forwarding port %d to pod %s: %s", port, target.sandboxId(), message));
                pair.data.finish();
                pair.error.finish();
            }

            @Override
            public void targetEnded() {
                pair.error.finish();
            }

            @Override
            public void closed() {
                pair.data.finish();
                pair.error.finish();
                tunnels.remove(pair.data.id());
            }
        });
        tunnels.put(pair.data.id(), tunnel);
        tunnel.connect(() -> target.dial().apply(port));
    }

    private static void fail(Pair pair, String message) {
        pair.error.writeMessage(message.getBytes(StandardCharsets.UTF_8));
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            return port >= 1 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void data(SpdyStream stream, ByteBuf data) {
        PortTunnel tunnel = tunnels.get(stream.id());
        if (tunnel != null) {
            tunnel.fromClient(data);
        } else {
            data.release();
        }
    }

    @Override
    public void remoteFinished(SpdyStream stream) {
        PortTunnel tunnel = tunnels.get(stream.id());
        if (tunnel != null) {
            tunnel.clientFinished();
        }
    }

    @Override
    public void reset(SpdyStream stream) {
        PortTunnel tunnel = tunnels.get(stream.id());
        if (tunnel != null) {
            tunnel.abort();
        }
    }

    @Override
    public void closed() {
        pending.values().forEach(pair -> pair.timeout.cancel(false));
        pending.clear();
        new java.util.ArrayList<>(tunnels.values()).forEach(PortTunnel::abort);
    }
}
