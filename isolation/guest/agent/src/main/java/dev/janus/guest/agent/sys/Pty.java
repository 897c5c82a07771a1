package dev.janus.guest.agent.sys;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A pseudo-terminal the agent holds the master side of. The runtime gets the slave as its
 * terminal (see {@code Launcher}), so crun or runc relays between it and the container's own pty.
 */
public interface Pty extends Closeable {

    /** /dev/pts/N, for the process that opens it as its controlling terminal. */
    String slavePath();

    /** What the terminal shows: ends when every slave descriptor is closed. */
    InputStream output();

    /** What is typed at the terminal. */
    OutputStream input();

    /** Sets the window size; the slave's foreground process group gets SIGWINCH. */
    void resize(int rows, int cols) throws java.io.IOException;

    /**
     * Closes the agent's own descriptor of the slave, once the process that uses the terminal has
     * opened it: from then on {@link #output()} ends when that process and its children are gone.
     */
    void releaseSlave();
}
