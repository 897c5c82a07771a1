package dev.janus.guest.agent.storage;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.sys.NativeOps;
import java.io.IOException;

/**
 * Hyper-V: a connected AF_VSOCK socket to janus-9p's hvsock listener for the share. The kernel
 * reads and writes a socket itself, so it gets that one descriptor as both ends: no relay.
 */
final class VsockShareSocket implements ShareTransport {

    /** The host, as every guest sees it. */
    private static final int HOST_CID = 2;

    private final NativeOps natives;
    private final int socket;
    private boolean given;

    private VsockShareSocket(NativeOps natives, int socket) {
        this.natives = natives;
        this.socket = socket;
    }

    /** Connects, retrying until {@code waitMillis}: janus-9p listens before the mount is asked for. */
    static VsockShareSocket connect(NativeOps natives, int port, long waitMillis) {
        long deadline = System.nanoTime() + Math.max(0, waitMillis) * 1_000_000;
        long backoff = 20;
        while (true) {
            try {
                return new VsockShareSocket(natives, natives.connectVsockSocket(HOST_CID, port));
            } catch (UnsupportedOperationException e) {
                throw AgentException.unavailable("no AF_VSOCK for share port %d: %s", port, e.getMessage());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw AgentException.unavailable("the host does not answer on vsock port %d: %s", port,
                            e.getMessage());
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AgentException.unavailable("interrupted connecting to vsock port %d", port);
            }
            backoff = Math.min(backoff * 2, 500);
        }
    }

    @Override
    public int kernelReads() {
        return socket;
    }

    @Override
    public int kernelWrites() {
        return socket;
    }

    @Override
    public synchronized void kernelHasItsEnds() {
        given = true;
        natives.close(socket);
    }

    @Override
    public synchronized void close() {
        if (!given) {
            given = true;
            natives.close(socket);
        }
    }
}
