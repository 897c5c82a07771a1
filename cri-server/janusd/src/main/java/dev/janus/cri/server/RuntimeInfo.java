package dev.janus.cri.server;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.CgroupDriver;
import dev.janus.cri.api.LinuxRuntimeConfiguration;
import dev.janus.cri.api.RuntimeCondition;
import dev.janus.cri.api.RuntimeConfigResponse;
import dev.janus.cri.api.RuntimeFeatures;
import dev.janus.cri.api.RuntimeHandler;
import dev.janus.cri.api.RuntimeHandlerFeatures;
import dev.janus.cri.api.RuntimeStatus;
import dev.janus.cri.api.StatusRequest;
import dev.janus.cri.api.StatusResponse;
import dev.janus.cri.api.VersionResponse;
import dev.janus.networking.NetworkReadiness;

/** Version, Status and RuntimeConfig: what this runtime is and whether it can run pods. */
public final class RuntimeInfo {

    public static final String RUNTIME_NAME = "janus";
    public static final String RUNTIME_VERSION = "0.1.0";
    public static final String CRI_VERSION = "v1";

    private final CriContext cri;

    public RuntimeInfo(CriContext cri) {
        this.cri = cri;
    }

    public VersionResponse version() {
        return VersionResponse.newBuilder()
                .setVersion("0.1.0")
                .setRuntimeName(RUNTIME_NAME)
                .setRuntimeVersion(RUNTIME_VERSION)
                .setRuntimeApiVersion(CRI_VERSION)
                .build();
    }

    public StatusResponse status(StatusRequest request) {
        boolean runtimeReady = !cri.handlers().all().isEmpty();
        RuntimeCondition.Builder runtime = RuntimeCondition.newBuilder().setType("RuntimeReady").setStatus(runtimeReady);
        if (!runtimeReady) {
            runtime.setReason("NoRuntimeHandler")
                    .setMessage("no configured runtime handler can run on this host: " + cri.handlers().unavailable());
        }
        NetworkReadiness network = cri.network().readiness();
        StatusResponse.Builder response = StatusResponse.newBuilder()
                .setStatus(RuntimeStatus.newBuilder()
                        .addConditions(runtime)
                        .addConditions(RuntimeCondition.newBuilder().setType("NetworkReady")
                                .setStatus(network.ready()).setReason(network.reason())
                                .setMessage(network.message())))
                .setFeatures(RuntimeFeatures.newBuilder().setSupplementalGroupsPolicy(true));
        for (var handler : cri.handlers().all()) {
            RuntimeHandlerFeatures features = RuntimeHandlerFeatures.newBuilder()
                    .setRecursiveReadOnlyMounts(false).setUserNamespaces(false).build();
            response.addRuntimeHandlers(RuntimeHandler.newBuilder().setName(handler.name()).setFeatures(features));
            if (handler.name().equals(cri.handlers().defaultHandler())) {
                response.addRuntimeHandlers(RuntimeHandler.newBuilder().setName("").setFeatures(features));
            }
        }
        if (request.getVerbose()) {
            response.putInfo("unavailableHandlers", cri.handlers().unavailable().toString());
            response.putInfo("root", cri.config().root().toString());
            response.putInfo("state", cri.config().state().toString());
        }
        return response.build();
    }

    public RuntimeConfigResponse runtimeConfig() {
        return RuntimeConfigResponse.newBuilder()
                .setLinux(LinuxRuntimeConfiguration.newBuilder().setCgroupDriver(CgroupDriver.CGROUPFS))
                .build();
    }
}
