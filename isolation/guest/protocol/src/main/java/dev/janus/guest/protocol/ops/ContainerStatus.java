package dev.janus.guest.protocol.ops;

/**
 * <pre>
 *   CREATED --START_CONTAINER--> RUNNING --process exits--> EXITED --DELETE--> (gone)
 * </pre>
 * UNKNOWN is what a reader decodes from a newer agent's state it does not know.
 */
public enum ContainerStatus {
    UNKNOWN, CREATED, RUNNING, EXITED
}
