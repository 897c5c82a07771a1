package dev.janus.cri.sandbox;

import dev.janus.cri.faults.CrashPoint;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.networking.PodNetworkRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking a sandbox down, shared by StopPodSandbox, RemovePodSandbox and recovery. Each step is
 * idempotent, so a step repeated after a crash does no harm.
 */
public final class SandboxCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxCleanup.class);

    private SandboxCleanup() {
    }

    /** Stops the holder and detaches the network; the record becomes NOT_READY. */
    public static SandboxRecord stop(CriContext cri, SandboxRecord sandbox) {
        RuntimeHandler handler = cri.handlers().byName(sandbox.getHandler());
        if (handler != null) {
            handler.stopSandbox(sandbox.getId(), Duration.ofSeconds(10));
        }
        CrashPoint.STOP_POD_HOLDER_STOPPED.reached();
        if (!sandbox.getNetnsPath().isEmpty() && sandbox.getNetworkAttached()) {
            cri.network().detach(networkRequest(sandbox));
        }
        CrashPoint.STOP_POD_NETWORK_DETACHED.reached();
        SandboxRecord stopped = sandbox.toBuilder()
                .setPhase(SandboxRecord.Phase.NOT_READY)
                .setNetworkAttached(false)
                .setPid(0)
                .build();
        cri.sandboxes().put(stopped);
        CrashPoint.STOP_POD_RECORDED.reached();
        return stopped;
    }

    /** Frees everything the sandbox still holds, then forgets it. */
    public static void remove(CriContext cri, SandboxRecord sandbox) {
        RuntimeHandler handler = cri.handlers().byName(sandbox.getHandler());
        CrashPoint.REMOVE_POD_CONTAINERS_REMOVED.reached();
        if (handler != null) {
            handler.removeSandbox(sandbox.getId());
        } else {
            LOG.warn("sandbox {} ran on handler {}, which is no longer configured: its processes"
                    + " cannot be cleaned up", sandbox.getId(), sandbox.getHandler());
        }
        CrashPoint.REMOVE_POD_HOLDER_REMOVED.reached();
        if (!sandbox.getNetnsPath().isEmpty()) {
            // also when not recorded as attached: a crash may have cut an attach short
            cri.network().detach(networkRequest(sandbox));
        }
        if (!SandboxRequests.hostNetwork(sandbox.getConfig())) {
            // also without a recorded path: a crash may have come between making the namespace
            // and recording it; removing an absent namespace does nothing
            cri.network().removeNamespace(sandbox.getId());
        }
        CrashPoint.REMOVE_POD_NETWORK_REMOVED.reached();
        deletePodDir(Path.of(sandbox.getPodDir()));
        CrashPoint.REMOVE_POD_FILES_DELETED.reached();
        cri.sandboxes().delete(sandbox.getId());
        cri.locks().forget(sandbox.getId());
    }

    public static PodNetworkRequest networkRequest(SandboxRecord sandbox) {
        PodSandboxConfig config = sandbox.getConfig();
        var m = config.getMetadata();
        return new PodNetworkRequest(sandbox.getId(), Path.of(sandbox.getNetnsPath()), m.getName(),
                m.getNamespace(), m.getUid(), config.getPortMappingsList(),
                config.hasDnsConfig() ? config.getDnsConfig() : null,
                config.getLinux().getCgroupParent(), config.getAnnotationsMap());
    }

    public static void deletePodDir(Path podDir) {
        if (podDir.toString().isEmpty() || !Files.exists(podDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(podDir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete pod dir {}: {}", podDir, e.toString());
        }
    }
}
