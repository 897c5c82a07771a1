package dev.janus.cri.container;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.RemoveContainerRequest;
import dev.janus.cri.api.RemoveContainerResponse;
import dev.janus.cri.state.ContainerRecord;
import java.time.Duration;

/**
 * RemoveContainer: a running container is killed first (as containerd does); removing an
 * unknown id succeeds, since the CRI asks removal to be idempotent.
 */
public final class RemoveContainer {

    private final CriContext cri;

    public RemoveContainer(CriContext cri) {
        this.cri = cri;
    }

    public RemoveContainerResponse handle(RemoveContainerRequest request) {
        ContainerRecord c = cri.containers().find(request.getContainerId());
        if (c == null) {
            return RemoveContainerResponse.getDefaultInstance();
        }
        try (var held = cri.locks().lock(c.getId())) {
            c = cri.containers().get(c.getId());
            if (c != null) {
                ContainerTeardown.stop(cri, c, Duration.ZERO);
                ContainerTeardown.remove(cri, cri.containers().get(c.getId()));
            }
        }
        return RemoveContainerResponse.getDefaultInstance();
    }
}
