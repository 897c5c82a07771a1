package dev.janus.isolation.uvm;

import dev.janus.isolation.uvm.agent.PortForwardStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seam wants a connected SocketChannel for a port forward; the agent gives a pair of byte
 * streams. A loopback TCP pair joins them: a listener on 127.0.0.1 with an ephemeral port
 * accepts exactly the connection made here (checked by its source port), and two virtual threads
 * relay each direction, passing each end on as a half-close.
 */
final class PortBridge {

    private PortBridge() {
    }

    /** The caller's end; the other end is relayed to {@code stream} until both directions ended. */
    static SocketChannel open(PortForwardStream stream) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            SocketChannel caller = SocketChannel.open(server.getLocalAddress());
            try {
                SocketChannel ours = acceptFrom(server, (InetSocketAddress) caller.getLocalAddress());
                relay(ours, stream);
                return caller;
            } catch (IOException | RuntimeException e) {
                caller.close();
                throw e;
            }
        }
    }

    /** Another local process could race to the port: only our own connection is taken. */
    private static SocketChannel acceptFrom(ServerSocketChannel server, InetSocketAddress caller) throws IOException {
        for (int attempt = 0; attempt < 8; attempt++) {
            SocketChannel accepted = server.accept();
            if (((InetSocketAddress) accepted.getRemoteAddress()).getPort() == caller.getPort()) {
                return accepted;
            }
            accepted.close();
        }
        throw new IOException("the port-forward bridge was connected by someone else");
    }

    private static void relay(SocketChannel socket, PortForwardStream stream) {
        AtomicInteger open = new AtomicInteger(2);
        Runnable oneEnded = () -> {
            if (open.decrementAndGet() == 0) {
                closeQuietly(socket, stream);
            }
        };
        Thread.ofVirtual().name("port-to-guest").start(() -> {
            try (OutputStream toGuest = stream.toGuest()) {
                ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
                while (socket.read(buffer.clear()) > 0) {
                    toGuest.write(buffer.array(), 0, buffer.position());
                    toGuest.flush();
                }
            } catch (IOException e) {
                // either side went away: the other direction notices on its own
            } finally {
                oneEnded.run();
            }
        });
        Thread.ofVirtual().name("port-from-guest").start(() -> {
            InputStream fromGuest = stream.fromGuest();
            byte[] buffer = new byte[32 * 1024];
            try {
                int n;
                while ((n = fromGuest.read(buffer)) > 0) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        socket.write(chunk);
                    }
                }
                socket.shutdownOutput();
            } catch (IOException e) {
                // as above
            } finally {
                oneEnded.run();
            }
        });
    }

    private static void closeQuietly(SocketChannel socket, PortForwardStream stream) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
        try {
            stream.close();
        } catch (IOException e) {
            // closing
        }
    }
}
