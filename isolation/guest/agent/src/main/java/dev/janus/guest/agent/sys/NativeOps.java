package dev.janus.guest.agent.sys;

import dev.janus.guest.agent.link.HostLink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The few system calls the JDK lacks: pseudo-terminals, a window size on a terminal by path,
 * AF_VSOCK, pipes and mount(2) for 9P shares. Implemented with java.lang.foreign (final in Java 22) in
 * {@code src/main/java22}; {@link #load()} picks that when the runtime has it, and otherwise an
 * implementation that fails every call with the reason.
 */
public interface NativeOps {

    Pty openPty() throws IOException;

    /** TIOCSWINSZ on the terminal at {@code tty} (e.g. /proc/PID/fd/0), opened without becoming ours. */
    void setWindowSize(Path tty, int rows, int cols) throws IOException;

    HostLink connectVsock(int cid, int port) throws IOException;

    /** A connected AF_VSOCK stream socket, close-on-exec: its descriptor (a 9p mount takes it). */
    int connectVsockSocket(int cid, int port) throws IOException;

    /** A pipe, close-on-exec: [read end, write end]. */
    int[] pipe() throws IOException;

    /** Streams over a descriptor of this process (reads block: read them from a platform thread). */
    java.io.InputStream inputOf(int fd);

    java.io.OutputStream outputOf(int fd);

    void close(int fd);

    /** mount(2) as this process: a 9p trans=fd mount names descriptors of the caller. */
    void mount(String source, Path target, String type, long flags, String data) throws IOException;

    /** umount2(2) with MNT_DETACH: the mount goes once nothing uses it. */
    void unmount(Path target) throws IOException;

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
