package dev.janus.guest.protocol.ops;

/**
 * UPDATE_RESOURCES (20): new cgroup limits for a running container (CRI
 * UpdateContainerResources), applied with the runtime's {@code update --resources}. Added within
 * version 1: an agent older than it answers UNIMPLEMENTED.
 *
 * @param resources the OCI {@code linux.resources} object as JSON, as {@code crun update
 *     --resources} reads it
 */
public interface UpdateResources {

    record Request(String id, byte[] resources) {
    }

    record Reply() {
    }
}
