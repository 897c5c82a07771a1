package dev.janus.cri;

import dev.janus.cri.container.ContainerExits;
import dev.janus.cri.container.ContainerTeardown;
import dev.janus.cri.sandbox.SandboxCleanup;
import dev.janus.cri.sandbox.SandboxExits;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.SandboxState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the store and the host back in line when janusd starts, whatever moment the previous
 * janusd died at: half-made sandboxes and containers are undone, running ones are kept, ones
 * that ended while janusd was down are recorded as exited, and what the handlers hold without a
 * record is removed.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    static void run(CriContext cri) {
        for (SandboxRecord sandbox : cri.sandboxes().all()) {
            recoverSandbox(cri, sandbox);
        }
        for (ContainerRecord c : cri.containers().all()) {
            recoverContainer(cri, c);
        }
        sweepHandlers(cri);
        sweepPodDirs(cri);
        Set<String> sandboxes = new HashSet<>();
        cri.sandboxes().all().forEach(s -> sandboxes.add(s.getId()));
        cri.network().sweepUnknownSandboxes(sandboxes);
        LOG.info("recovered {} sandboxes and {} containers", cri.sandboxes().all().size(),
                cri.containers().all().size());
    }

    private static void recoverSandbox(CriContext cri, SandboxRecord sandbox) {
        if (sandbox.getPhase() == SandboxRecord.Phase.CREATING) {
            LOG.info("undoing sandbox {}, whose creation was cut short", sandbox.getId());
            SandboxCleanup.remove(cri, sandbox);
            return;
        }
        if (sandbox.getPhase() == SandboxRecord.Phase.READY) {
            RuntimeHandler handler = cri.handlers().byName(sandbox.getHandler());
            if (handler == null || handler.sandboxState(sandbox.getId()) != SandboxState.RUNNING) {
                LOG.info("sandbox {} stopped while janusd was down", sandbox.getId());
                SandboxExits.record(cri, sandbox.getId());
            }
        }
    }

    private static void recoverContainer(CriContext cri, ContainerRecord c) {
        if (cri.sandboxes().get(c.getSandboxId()) == null || c.getPhase() == ContainerRecord.Phase.CREATING) {
            LOG.info("undoing container {}, whose creation was cut short or whose sandbox is gone", c.getId());
            ContainerTeardown.remove(cri, c);
            return;
        }
        if (c.getPhase() == ContainerRecord.Phase.EXITED) {
            return;
        }
        RuntimeHandler handler = cri.handlers().byName(c.getHandler());
        ContainerState state = handler == null ? ContainerState.unknown() : handler.containerState(c.getId());
        if (state.status() == ContainerState.Status.RUNNING && c.getPhase() == ContainerRecord.Phase.CREATED) {
            // janusd died between starting the process and recording it
            cri.containers().put(c.toBuilder().setPhase(ContainerRecord.Phase.RUNNING).setPid(state.pid()).build());
        } else if (state.status() == ContainerState.Status.EXITED || state.status() == ContainerState.Status.UNKNOWN) {
            ContainerExits.record(cri, c.getId());
        }
    }

    /** Processes, mounts and files a handler holds for ids no record knows. */
    private static void sweepHandlers(CriContext cri) {
        Set<String> known = new HashSet<>();
        cri.sandboxes().all().forEach(s -> known.add(s.getId()));
        cri.containers().all().forEach(c -> known.add(c.getId()));
        for (RuntimeHandler handler : cri.handlers().all()) {
            for (String id : handler.heldIds()) {
                if (!known.contains(id)) {
                    LOG.info("removing {} from handler {}: no sandbox or container has that id", id, handler.name());
                    handler.removeContainer(id);
                    handler.removeSandbox(id);
                }
            }
        }
    }

    private static void sweepPodDirs(CriContext cri) {
        Path dir = cri.podsDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> pods = Files.list(dir)) {
            for (Path pod : pods.toList()) {
                if (cri.sandboxes().get(pod.getFileName().toString()) == null) {
                    SandboxCleanup.deletePodDir(pod);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot sweep pod dirs in {}: {}", dir, e.toString());
        }
    }
}
