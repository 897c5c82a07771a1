package dev.janus.cri.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerStatus;
import dev.janus.cri.api.ContainerStatusRequest;
import dev.janus.cri.api.ContainerStatusResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.ViewCache;
import java.util.LinkedHashMap;
import java.util.Map;

/** ContainerStatus, with containerd-like verbose info (pid, sandbox, handler, image). */
public final class ContainerStatusVerb {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CriContext cri;
    private final ViewCache<ContainerRecord, ContainerStatus> views = new ViewCache<>(ContainerViews::status);

    public ContainerStatusVerb(CriContext cri) {
        this.cri = cri;
    }

    public ContainerStatusResponse handle(ContainerStatusRequest request) {
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        if (!ContainerViews.visible(c)) {
            throw CriException.notFound("container \"%s\" not found", request.getContainerId());
        }
        ContainerStatusResponse.Builder response = ContainerStatusResponse.newBuilder()
                .setStatus(views.of(c.getId(), c));
        if (request.getVerbose()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("sandboxID", c.getSandboxId());
            info.put("pid", c.getPid());
            info.put("runtimeHandler", c.getHandler());
            info.put("imageID", c.getImageId());
            info.put("logPath", c.getLogPath());
            try {
                response.putInfo("info", JSON.writeValueAsString(info));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw CriException.internal("cannot render verbose info", e);
            }
        }
        views.prune(cri.containers().ids());
        return response.build();
    }
}
