package dev.janus.guest.protocol.ops;

/**
 * SIGNAL_PROCESS (11): sends a signal to a container's init ({@code execId} empty) or to an exec'd
 * process. A container that already exited: success, nothing sent. One only created:
 * FAILED_PRECONDITION.
 *
 * @param all to every process of the container ({@code kill --all})
 */
public interface SignalProcess {

    record Request(String containerId, String execId, int signal, boolean all) {
    }

    record Reply() {
    }
}
