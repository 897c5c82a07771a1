package dev.janus.guest.protocol.ops;

/**
 * ATTACH_CONTAINER (10): binds a running container's stdio to new streams, for a host that
 * reconnected. Output the container wrote while no host was attached waited in its pipe (the
 * container blocks once the pipe is full); it flows on the new stdout/stderr.
 */
public interface AttachContainer {

    record Request(String id, Stdio stdio) {
    }

    record Reply(ContainerInfo container) {
    }
}
