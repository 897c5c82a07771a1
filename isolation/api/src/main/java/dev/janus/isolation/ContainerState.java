package dev.janus.isolation;

import java.time.Instant;

/**
 * A container's state as its handler sees it.
 *
 * <pre>
 *   CREATED --start--> RUNNING --process exits--> EXITED
 *      |                                            ^
 *      +--------------- never started, killed ------+
 * </pre>
 *
 * @param exitCode meaningful when EXITED (128 + signal for a killed process)
 * @param oomKilled the kernel's OOM killer ended it
 */
public record ContainerState(Status status, int pid, Instant startedAt, Instant finishedAt,
        int exitCode, boolean oomKilled, String message) {

    public enum Status { CREATED, RUNNING, EXITED, UNKNOWN }

    public static ContainerState unknown() {
        return new ContainerState(Status.UNKNOWN, 0, null, null, 0, false, "");
    }
}
