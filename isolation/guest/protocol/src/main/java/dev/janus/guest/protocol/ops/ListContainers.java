package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * LIST_CONTAINERS (14): every container the agent holds, exited ones included until deleted, so
 * a host that reconnects learns what happened while it was away.
 */
public interface ListContainers {

    record Request() {
    }

    record Reply(List<ContainerInfo> containers) {
    }
}
