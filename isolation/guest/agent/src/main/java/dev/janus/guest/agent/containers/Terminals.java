package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.sys.NativeOps;
import dev.janus.guest.protocol.ops.ErrorKind;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Resizes a terminal at both ends: the agent's pty (the runtime gets SIGWINCH and copies the size
 * on, as runc does) and the container's own pty, found as a standard descriptor of the process
 * in it, so the size arrives even where a runtime does not pass SIGWINCH on.
 */
final class Terminals {

    private static final int MAX_SIDE = 65535;

    private Terminals() {
    }

    /**
     * A size with a zero (or negative) side is what a client sends when it does not know its
     * terminal's size (kubectl at 0x0): ignored, as runc pods ignore it, so the session goes on.
     * A side beyond the kernel's 16 bits is clamped.
     */
    static void resize(ProcessIo io, int pid, int rows, int cols, NativeOps natives) {
        if (rows <= 0 || cols <= 0) {
            Log.debug("terminal size %dx%d ignored", rows, cols);
            return;
        }
        rows = Math.min(rows, MAX_SIDE);
        cols = Math.min(cols, MAX_SIDE);
        try {
            io.resize(rows, cols);
        } catch (IllegalStateException e) {
            throw AgentException.precondition("the process has no terminal");
        } catch (IOException e) {
            throw AgentException.internal("cannot resize the terminal", e);
        } catch (UnsupportedOperationException e) {
            throw new AgentException(ErrorKind.FAILED_PRECONDITION, e.getMessage());
        }
        if (pid > 0) {
            resizeInside(pid, rows, cols, natives);
        }
    }

    private static void resizeInside(int pid, int rows, int cols, NativeOps natives) {
        for (int fd = 0; fd <= 2; fd++) {
            try {
                natives.setWindowSize(Path.of("/proc", Integer.toString(pid), "fd", Integer.toString(fd)), rows, cols);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                Log.debug("resize via fd %d of %d: %s", fd, pid, e.getMessage());
            }
        }
    }
}
