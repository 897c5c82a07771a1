package dev.janus.isolation.hvsock;

import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A host-side hvsock listener for one guest channel, bound to (VM runtime id, service id): the
 * guest connects to the host (CID 2) on its vsock port. janusd binds the agent's before the VM
 * starts; janus-9p binds a share's before the guest is told to mount it.
 */
public final class HvSocketListener implements AutoCloseable {

    private static final Object STARTUP = new Object();
    private static volatile boolean started;

    private final WinSock ws;
    private final long socket;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HvSocketListener(WinSock ws, long socket) {
        this.ws = ws;
        this.socket = socket;
    }

    public static HvSocketListener bind(WinSock ws, UUID vmId, UUID serviceId) throws IOException {
        startup(ws);
        long s = ws.socket(WinSock.AF_HYPERV, WinSock.SOCK_STREAM, WinSock.HV_PROTOCOL_RAW);
        if (s == WinSock.INVALID_SOCKET) {
            throw new IOException("hvsock socket(): WSA error " + ws.WSAGetLastError());
        }
        byte[] address = HvSocketAddress.encode(vmId, serviceId);
        if (ws.bind(s, address, address.length) != 0 || ws.listen(s, 1) != 0) {
            int error = ws.WSAGetLastError();
            ws.closesocket(s);
            throw new IOException("hvsock bind/listen on " + vmId + "/" + serviceId + ": WSA error " + error);
        }
        return new HvSocketListener(ws, s);
    }

    /** Waits for the guest; closing the listener from the timeout thread ends a blocked accept. */
    public ByteChannel accept(Duration timeout) throws IOException {
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(timeout);
                close();
            } catch (InterruptedException e) {
                // accepted in time
            }
        });
        long client = ws.accept(socket, new byte[HvSocketAddress.SIZE], new IntByReference(HvSocketAddress.SIZE));
        watchdog.interrupt();
        if (client == WinSock.INVALID_SOCKET) {
            throw new IOException("no hvsock connection from the guest within " + timeout.toMillis() + " ms (WSA error "
                    + ws.WSAGetLastError() + ")");
        }
        return new Connection(ws, client);
    }

    /** Idempotent: a handle closed twice could be another socket's by then. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ws.closesocket(socket);
        }
    }

    private static void startup(WinSock ws) throws IOException {
        synchronized (STARTUP) {
            if (!started) {
                int error = ws.WSAStartup((short) 0x0202, new byte[512]);
                if (error != 0) {
                    throw new IOException("WSAStartup failed: " + error);
                }
                started = true;
            }
        }
    }

    /** An accepted hvsock connection as a blocking byte channel. */
    private static final class Connection implements ByteChannel {
        private final WinSock ws;
        private final long socket;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Connection(WinSock ws, long socket) {
            this.ws = ws;
            this.socket = socket;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            byte[] chunk = new byte[Math.min(dst.remaining(), 64 * 1024)];
            int n = ws.recv(socket, chunk, chunk.length, 0);
            if (n < 0) {
                throw new IOException("hvsock recv: WSA error " + ws.WSAGetLastError());
            }
            if (n == 0) {
                return -1;
            }
            dst.put(chunk, 0, n);
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ensureOpen();
            byte[] chunk = new byte[Math.min(src.remaining(), 64 * 1024)];
            src.get(chunk);
            int n = ws.send(socket, chunk, chunk.length, 0);
            if (n < 0) {
                throw new IOException("hvsock send: WSA error " + ws.WSAGetLastError());
            }
            src.position(src.position() - (chunk.length - n));
            return n;
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                ws.closesocket(socket);
            }
        }

        private void ensureOpen() throws ClosedChannelException {
            if (!open.get()) {
                throw new ClosedChannelException();
            }
        }
    }
}
