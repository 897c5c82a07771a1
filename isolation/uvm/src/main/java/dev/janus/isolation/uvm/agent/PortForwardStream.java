package dev.janus.isolation.uvm.agent;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One TCP connection to a port inside the VM. Closing {@code toGuest} half-closes it (the guest
 * shuts its socket's output); {@code fromGuest} ends when the guest side does.
 */
public record PortForwardStream(OutputStream toGuest, InputStream fromGuest) implements Closeable {

    @Override
    public void close() throws IOException {
        try {
            toGuest.close();
        } finally {
            fromGuest.close();
        }
    }
}
