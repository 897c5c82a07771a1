package dev.janus.isolation.p9.daemon;

import dev.janus.isolation.hvsock.HvSocketListener;
import dev.janus.isolation.hvsock.WinSock;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.UUID;

/**
 * Where janus-9p meets the guest end of one share. Under QEMU: the unix socket of the share's
 * virtio-serial port, which QEMU listens on and janus-9p connects to when it is asked to share.
 * Under Hyper-V ({@code hvsock:<VM id>:<service id>}): janus-9p listens on the hvsock service
 * at once, and the guest connects (AF_VSOCK, host CID, the share's port) when it mounts.
 */
sealed interface ShareChannel {

    /** How long a Hyper-V guest has to connect after the share is made: it mounts right after. */
    Duration GUEST_CONNECT = Duration.ofMinutes(2);
    String HVSOCK = "hvsock:";

    /** Connects or starts listening, so that a failure is the share request's. */
    static ShareChannel prepare(String address) throws IOException {
        if (!address.startsWith(HVSOCK)) {
            SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                socket.connect(UnixDomainSocketAddress.of(address));
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
            }
            return new Connected(socket);
        }
        String[] ids = address.substring(HVSOCK.length()).split(":");
        UUID vmId;
        UUID serviceId;
        try {
            vmId = UUID.fromString(ids[0]);
            serviceId = UUID.fromString(ids.length == 2 ? ids[1] : "");
        } catch (IllegalArgumentException e) {
            throw new IOException("an hvsock channel is hvsock:<VM id>:<service id>, not " + address);
        }
        WinSock winsock;
        try {
            winsock = WinSock.load();
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("hvsock channels exist on a Windows host only (no ws2_32.dll here)");
        }
        return new Listening(HvSocketListener.bind(winsock, vmId, serviceId));
    }

    /** The stream to serve, once the guest end is there; called on the share's session thread. */
    ByteChannel open() throws IOException;

    /** Ends the stream (and the session on it), or stops listening. */
    void close();

    record Connected(SocketChannel socket) implements ShareChannel {

        @Override
        public ByteChannel open() {
            return socket;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed is closed
            }
        }
    }

    /** One connection is accepted, then the listener goes: a remount is a new share. */
    final class Listening implements ShareChannel {
        private final HvSocketListener listener;
        private volatile ByteChannel connection;

        Listening(HvSocketListener listener) {
            this.listener = listener;
        }

        @Override
        public ByteChannel open() throws IOException {
            try {
                connection = listener.accept(GUEST_CONNECT);
                return connection;
            } finally {
                listener.close();
            }
        }

        @Override
        public void close() {
            listener.close();
            ByteChannel open = connection;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // closed is closed
                }
            }
        }
    }
}
