package dev.janus.guest.agent.link;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream to the host. Its input ends (-1) when the host goes away; whether the same link
 * then carries the next host's session (virtio-serial: the port stays open) or a new link is
 * needed (sockets) is the transport's business.
 */
public interface HostLink extends Closeable {

    InputStream in();

    OutputStream out();

    /** True if the next session comes over this same link once its input ended. */
    boolean outlivesSession();
}
