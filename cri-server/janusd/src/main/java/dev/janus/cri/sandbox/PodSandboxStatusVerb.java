package dev.janus.cri.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.PodSandboxStatusResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.state.Clock;
import dev.janus.cri.state.SandboxRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** PodSandboxStatus, with verbose info as containerd gives it (pid, netns, handler, config). */
public final class PodSandboxStatusVerb {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CriContext cri;

    public PodSandboxStatusVerb(CriContext cri) {
        this.cri = cri;
    }

    public PodSandboxStatusResponse handle(PodSandboxStatusRequest request) {
        SandboxRecord sandbox = cri.sandboxes().resolve(request.getPodSandboxId());
        PodSandboxStatusResponse.Builder response = PodSandboxStatusResponse.newBuilder()
                .setStatus(SandboxViews.status(sandbox))
                .setTimestamp(Clock.nowNanos());
        if (request.getVerbose()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("pid", sandbox.getPid());
            info.put("processStatus", sandbox.getPhase() == SandboxRecord.Phase.READY ? "running" : "stopped");
            info.put("netNamespacePath", sandbox.getNetnsPath());
            info.put("netNamespaceClosed", sandbox.getNetnsPath().isEmpty() || !sandbox.getNetworkAttached());
            info.put("runtimeHandler", sandbox.getHandler());
            info.put("podDir", sandbox.getPodDir());
            info.put("hostname", sandbox.getConfig().getHostname());
            try {
                response.putInfo("info", JSON.writeValueAsString(info));
            } catch (JsonProcessingException e) {
                throw CriException.internal("cannot render verbose info", e);
            }
        }
        return response.build();
    }
}
