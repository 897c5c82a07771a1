package dev.janus.guest.agent.link;

import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.sys.NativeOps;
import java.io.IOException;

/**
 * Under Hyper-V: the host listens on an AF_VSOCK (hvsock) port and the agent connects to it,
 * CID 2, again after each session. The JDK has no AF_VSOCK; {@link NativeOps} provides it through
 * java.lang.foreign on a Java 22+ runtime and fails with a clear message on an older one.
 */
public final class VsockTransport implements AgentTransport {

    /** The host, as every guest sees it. */
    private static final int HOST_CID = 2;

    private final int port;
    private final NativeOps natives;

    public VsockTransport(int port, NativeOps natives) {
        this.port = port;
        this.natives = natives;
    }

    @Override
    public HostLink awaitLink() throws IOException {
        long backoff = 50;
        while (true) {
            try {
                return natives.connectVsock(HOST_CID, port);
            } catch (UnsupportedOperationException e) {
                throw new IOException(e.getMessage(), e);
            } catch (IOException e) {
                Log.debug("vsock %d:%d: %s; retrying in %d ms", HOST_CID, port, e.getMessage(), backoff);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted connecting to the host");
            }
            backoff = Math.min(backoff * 2, 1000);
        }
    }

    @Override
    public String describe() {
        return "AF_VSOCK cid " + HOST_CID + " port " + port;
    }
}
