package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * A container as the agent sees it. Times are Unix nanoseconds, 0 when not yet.
 *
 * @param attached its stdout/stderr are bound to streams of the current session
 * @param execs ids of exec'd processes still running
 * @param oomKilled as in {@link Exited}
 */
public record ContainerInfo(String id, ContainerStatus status, int pid, long createdAtUnixNanos,
        long startedAtUnixNanos, long finishedAtUnixNanos, int exitCode, boolean terminal, boolean attached,
        List<String> execs, boolean oomKilled) {
}
