package dev.janus.guest.protocol.ops;

/**
 * START_CONTAINER (9): runs the created container's process (the runtime in the foreground,
 * whose exit status is the container's). The stdout and stderr streams carry the output from
 * the start; an EXITED event follows their CLOSE.
 */
public interface StartContainer {

    record Request(String id, Stdio stdio) {
    }

    /** @param pid the container's init, in the guest's pid namespace; 0 if not known yet */
    record Reply(int pid, long startedAtUnixNanos) {
    }
}
