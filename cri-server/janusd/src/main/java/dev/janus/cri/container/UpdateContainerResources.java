package dev.janus.cri.container;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.UpdateContainerResourcesRequest;
import dev.janus.cri.api.UpdateContainerResourcesResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.validation.Resources;

/**
 * UpdateContainerResources: new cgroup limits for a created or running container; the stored
 * config follows, so status reports the resources in force.
 */
public final class UpdateContainerResources {

    private final CriContext cri;

    public UpdateContainerResources(CriContext cri) {
        this.cri = cri;
    }

    public UpdateContainerResourcesResponse handle(UpdateContainerResourcesRequest request) {
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        if (!request.hasLinux()) {
            throw CriException.invalid("update of container %s carries no Linux resources", c.getId());
        }
        Resources.check("linux", request.getLinux());
        try (var held = cri.locks().lock(c.getId())) {
            c = cri.containers().resolve(c.getId());
            if (c.getPhase() != ContainerRecord.Phase.CREATED && c.getPhase() != ContainerRecord.Phase.RUNNING) {
                throw CriException.precondition("container %s is in %s state: resources can only be"
                        + " updated while it is created or running", c.getId(), ContainerViews.state(c));
            }
            cri.handlers().byName(c.getHandler()).updateResources(c.getId(), request.getLinux());
            var config = c.getConfig().toBuilder();
            config.getLinuxBuilder().setResources(request.getLinux());
            cri.containers().put(c.toBuilder().setConfig(config).build());
        }
        return UpdateContainerResourcesResponse.getDefaultInstance();
    }
}
