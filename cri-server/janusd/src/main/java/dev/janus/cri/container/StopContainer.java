package dev.janus.cri.container;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.cri.api.StopContainerResponse;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.validation.Timeouts;

/** StopContainer: the stop signal, SIGKILL after the timeout; stopping a stopped one is fine. */
public final class StopContainer {

    private final CriContext cri;

    public StopContainer(CriContext cri) {
        this.cri = cri;
    }

    public StopContainerResponse handle(StopContainerRequest request) {
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        try (var held = cri.locks().lock(c.getId())) {
            c = cri.containers().resolve(c.getId());
            ContainerTeardown.stop(cri, c, Timeouts.seconds(request.getTimeout()));
        }
        return StopContainerResponse.getDefaultInstance();
    }
}
