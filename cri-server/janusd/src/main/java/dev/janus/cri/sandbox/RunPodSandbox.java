package dev.janus.cri.sandbox;

import dev.janus.cri.faults.CrashPoint;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.state.Clock;
import dev.janus.cri.state.CriNames;
import dev.janus.cri.state.Ids;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.cri.state.Undo;
import dev.janus.isolation.PodFiles;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.SandboxSpec;
import dev.janus.isolation.SandboxStarted;
import dev.janus.networking.NetworkReadiness;
import dev.janus.networking.PodNetworkStatus;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RunPodSandbox: reserve the name, write the pod's files, make its network namespace, then
 * attach the network while the handler starts the pod's holder (the two need nothing from each
 * other but the namespace, and each takes about half the call). The record is stored as CREATING
 * first, so a crash half-way leaves something recovery can find and undo; on failure the undo
 * stack takes back each step.
 */
public final class RunPodSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(RunPodSandbox.class);

    private final CriContext cri;

    public RunPodSandbox(CriContext cri) {
        this.cri = cri;
    }

    public RunPodSandboxResponse handle(RunPodSandboxRequest request) {
        PodSandboxConfig config = request.getConfig();
        SandboxRequests.validate(config);
        RuntimeHandler handler = cri.handlers().forRequest(request.getRuntimeHandler());
        boolean hostNetwork = SandboxRequests.hostNetwork(config);
        if (!hostNetwork) {
            requireNetwork();
        }
        String id = Ids.newId();
        Path podDir = cri.podsDir().resolve(id);
        SandboxRecord record = SandboxRecord.newBuilder()
                .setId(id)
                .setName(CriNames.sandbox(config.getMetadata()))
                .setHandler(handler.name())
                .setRequestedHandler(request.getRuntimeHandler())
                .setConfig(config)
                .setPhase(SandboxRecord.Phase.CREATING)
                .setCreatedAtNanos(Clock.nowNanos())
                .setPodDir(podDir.toString())
                .build();
        try (var held = cri.locks().lock(id); Undo undo = new Undo("RunPodSandbox " + id)) {
            cri.sandboxes().insert(record);
            CrashPoint.RUN_POD_RECORDED.reached();
            undo.push(() -> cri.sandboxes().delete(id));
            undo.push(() -> SandboxCleanup.deletePodDir(podDir));
            PodFiles podFiles = PodFilesWriter.write(podDir, config, hostNetwork);
            CrashPoint.RUN_POD_FILES_WRITTEN.reached();
            SandboxRecord.Builder ready = record.toBuilder();
            Path netns = null;
            AttachInFlight attach = null;
            if (!hostNetwork) {
                netns = cri.network().createNamespace(id);
                CrashPoint.RUN_POD_NETNS_MADE.reached();
                undo.push(() -> cri.network().removeNamespace(id));
                ready.setNetnsPath(netns.toString());
                cri.sandboxes().put(ready.build());
                CrashPoint.RUN_POD_NETNS_RECORDED.reached();
                var networkRequest = SandboxCleanup.networkRequest(ready.build());
                undo.push(() -> cri.network().detach(networkRequest));
                attach = AttachInFlight.start(id, () -> cri.network().attach(networkRequest));
                undo.push(attach::awaitEnd);
            }
            String cgroupParent = config.getLinux().getCgroupParent();
            undo.push(() -> handler.removeSandbox(id));
            SandboxStarted started = handler.startSandbox(
                    new SandboxSpec(id, config, netns, podFiles, cgroupParent, attach));
            CrashPoint.RUN_POD_HOLDER_STARTED.reached();
            if (attach != null) {
                PodNetworkStatus attached = attach.await();
                CrashPoint.RUN_POD_NETWORK_ATTACHED.reached();
                ready.addAllIps(attached.ips()).setNetworkAttached(true);
            }
            ready.setPid(started.pid()).setPhase(SandboxRecord.Phase.READY);
            cri.sandboxes().put(ready.build());
            CrashPoint.RUN_POD_READY.reached();
            undo.commit();
            LOG.info("sandbox {} ({}) running on {}", id, record.getName(), handler.name());
            return RunPodSandboxResponse.newBuilder().setPodSandboxId(id).build();
        } catch (IOException e) {
            throw CriException.internal("cannot write the files of sandbox " + id, e);
        }
    }

    private void requireNetwork() {
        NetworkReadiness readiness = cri.network().readiness();
        if (!readiness.ready()) {
            throw CriException.precondition("the pod network is not ready (%s): %s",
                    readiness.reason(), readiness.message());
        }
    }
}
