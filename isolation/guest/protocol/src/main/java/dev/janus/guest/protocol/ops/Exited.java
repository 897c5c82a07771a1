package dev.janus.guest.protocol.ops;

/**
 * EXITED event (1): a container's init ({@code execId} empty) or an exec'd process ended. Sent
 * after the CLOSE of its output streams; for a container also kept in LIST_CONTAINERS, which is
 * the truth when the event was lost with a session.
 *
 * @param exitCode 128 + signal for a process a signal ended
 * @param timedOut an exec killed because its timeout passed
 * @param oomKilled the guest kernel's OOM killer killed a process of the container's cgroup
 *     while it ran (a container's init only)
 */
public record Exited(String containerId, String execId, int exitCode, long finishedAtUnixNanos,
        boolean timedOut, boolean oomKilled) {
}
