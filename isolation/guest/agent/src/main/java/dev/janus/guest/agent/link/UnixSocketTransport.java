package dev.janus.guest.agent.link;

import dev.janus.guest.protocol.stream.ByteChannelStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For tests and development on a host: the agent listens on a unix socket the way QEMU does for
 * the virtio-serial port, and serves one host connection at a time; each connection is a session.
 */
public final class UnixSocketTransport implements AgentTransport {

    private final Path path;
    private ServerSocketChannel server;

    public UnixSocketTransport(Path path) {
        this.path = path;
    }

    @Override
    public HostLink awaitLink() throws IOException {
        synchronized (this) {
            if (server == null) {
                Files.deleteIfExists(path);
                server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(path));
            }
        }
        SocketChannel channel = server.accept();
        return socketLink(channel);
    }

    @Override
    public String describe() {
        return "unix socket " + path;
    }

    static HostLink socketLink(SocketChannel channel) {
        InputStream in = ByteChannelStreams.in(channel);
        OutputStream out = ByteChannelStreams.out(channel);
        return new HostLink() {
            public InputStream in() {
                return in;
            }

            public OutputStream out() {
                return out;
            }

            public boolean outlivesSession() {
                return false;
            }

            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
