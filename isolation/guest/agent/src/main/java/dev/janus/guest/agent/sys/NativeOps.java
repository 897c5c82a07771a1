package dev.janus.guest.agent.sys;

import dev.janus.guest.agent.link.HostLink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The few system calls the JDK lacks: pseudo-terminals, a window size on a terminal by path,
 * AF_VSOCK. Implemented with java.lang.foreign (final in Java 22) in
 * {@code src/main/java22}; {@link #load()} picks that when the runtime has it, and otherwise an
 * implementation that fails every call with the reason.
 */
public interface NativeOps {

    Pty openPty() throws IOException;

    /** TIOCSWINSZ on the terminal at {@code tty} (e.g. /proc/PID/fd/0), opened without becoming ours. */
    void setWindowSize(Path tty, int rows, int cols) throws IOException;

    HostLink connectVsock(int cid, int port) throws IOException;

    /** Whether the calls work here; if not, each throws UnsupportedOperationException saying why. */
    boolean available();

    static NativeOps load() {
        int feature = Runtime.version().feature();
        if (feature < 22) {
            return new UnavailableNativeOps("this Java runtime is " + feature
                    + "; terminals and AF_VSOCK need java.lang.foreign (Java 22 or newer)");
        }
        try {
            return (NativeOps) Class.forName("dev.janus.guest.agent.sys.ffm.FfmNativeOps")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new UnavailableNativeOps("the agent was built without its Java 22 classes (build it with a JDK >= 22): " + e);
        }
    }
}
