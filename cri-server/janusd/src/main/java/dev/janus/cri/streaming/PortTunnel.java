package dev.janus.cri.streaming;

import dev.janus.cri.errors.CriException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One forwarded connection: the socket the handler connected in the pod, made a Netty channel
 * on the client connection's own event loop, and one client stream. Bytes go through without a
 * thread hop. When the client's connection is not writable the pod's socket stops being read;
 * when the pod's socket is not writable the client's connection stops being read. Client bytes
 * that arrive before the socket is connected wait (up to a limit). Ends of data pass on as
 * half-closes: the pod's end becomes a FIN to the client, the client's end a shutdown of the
 * socket's output. Event loop only, except the dial.
 */
final class PortTunnel {

    private static final Logger LOG = LoggerFactory.getLogger(PortTunnel.class);
    private static final int PENDING_LIMIT = 256 * 1024;

    /** What the owner (SPDY or WebSocket port-forward) hears of the tunnel. Event loop. */
    interface Events {
        /** The connection could not be made; {@code message} is for the client's error stream. */
        void failed(String message);

        /** The pod's side sent all it will send (its end of data went to the client). */
        void targetEnded();

        void closed();
    }

    private final int port;
    private final Outbound toClient;
    private final Channel client;
    private final ReadGate gate;
    private final Writability clientWritability;
    private final Events events;
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private int pendingBytes;
    private Channel pod;
    private boolean clientEnded;
    private boolean podEnded;
    private boolean closed;

    PortTunnel(int port, Outbound toClient, Channel client, ReadGate gate, Writability clientWritability,
            Events events) {
        this.port = port;
        this.toClient = toClient;
        this.client = client;
        this.gate = gate;
        this.clientWritability = clientWritability;
        this.events = events;
    }

    /** Connects (blocking, on a virtual thread), then joins the socket to the event loop. */
    void connect(Supplier<SocketChannel> dial) {
        Thread.ofVirtual().name("forward-" + port).start(() -> {
            SocketChannel socket;
            try {
                socket = dial.get();
            } catch (CriException e) {
                LOG.info("port-forward to port {} failed: {}", port, e.getMessage());
                fail(e.getMessage());
                return;
            } catch (RuntimeException | Error e) {
                // an unexpected failure must still end the tunnel, or the client waits on silence
                LOG.warn("port {}: connecting failed", port, e);
                fail("internal error: " + e);
                return;
            }
            client.eventLoop().execute(() -> join(socket));
        });
    }

    private void fail(String message) {
        client.eventLoop().execute(() -> {
            events.failed(message);
            abort();
        });
    }

    private void join(SocketChannel socket) {
        NioSocketChannel channel = new NioSocketChannel(socket);
        if (closed) {
            channel.unsafe().closeForcibly();
            return;
        }
        channel.config().setAllowHalfClosure(true);
        channel.pipeline().addLast(new FromPod());
        client.eventLoop().register(channel).addListener(registered -> {
            if (!registered.isSuccess() || closed) {
                channel.close();
                abort();
                return;
            }
            pod = channel;
            LOG.debug("port {}: connected, {} bytes of the client waiting", port, pendingBytes);
            while (!pending.isEmpty()) {
                pod.write(pending.poll());
            }
            pod.flush();
            pendingBytes = 0;
            gate.release(this);
            if (clientEnded) {
                shutdownPodOutput();
            }
        });
    }

    /** Client bytes for the pod; ownership passes. */
    void fromClient(ByteBuf data) {
        if (closed) {
            data.release();
        } else if (pod == null) {
            pending.add(data);
            pendingBytes += data.readableBytes();
            if (pendingBytes > PENDING_LIMIT) {
                gate.hold(this);
            }
        } else {
            pod.writeAndFlush(data);
            if (!pod.isWritable()) {
                gate.hold(this); // released in FromPod.channelWritabilityChanged
            }
        }
    }

    /** The client sends no more: the pod's side reads end of file once what came before is written. */
    void clientFinished() {
        clientEnded = true;
        if (pod != null) {
            shutdownPodOutput();
        }
    }

    private void shutdownPodOutput() {
        Channel channel = pod;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (channel.isActive()) {
                ((NioSocketChannel) channel).shutdownOutput();
            }
            closeIfDone();
        });
    }

    private void closeIfDone() {
        if (clientEnded && podEnded) {
            abort();
        }
    }

    /** Ends the tunnel both ways now (the client reset the stream or went away). */
    void abort() {
        if (closed) {
            return;
        }
        closed = true;
        pending.forEach(ReferenceCountUtil::safeRelease);
        pending.clear();
        gate.release(this);
        if (pod != null) {
            pod.close();
        }
        events.closed();
    }

    /** The pod's side of the tunnel. */
    private final class FromPod extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            toClient.send((ByteBuf) msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (!client.isWritable() && ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(false);
                clientWritability.whenWritable(() -> ctx.channel().config().setAutoRead(true));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                LOG.debug("port {}: the pod's side ended", port);
                podEnded = true;
                toClient.finish();
                events.targetEnded();
                closeIfDone();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                gate.release(PortTunnel.this);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            abort();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof IOException)) {
                LOG.debug("port {}: {}", port, cause.toString());
            }
            ctx.close();
        }
    }
}
