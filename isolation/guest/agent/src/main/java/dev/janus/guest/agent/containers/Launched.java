package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.sys.Pty;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A runtime process the agent started, and where its standard I/O is: three pipes, or one
 * terminal (then {@code stderr} is null and {@code pty} is set).
 */
record Launched(Process process, OutputStream stdin, InputStream stdout, InputStream stderr, Pty pty) {

    boolean terminal() {
        return pty != null;
    }
}
