package dev.janus.cri.container;

import dev.janus.cri.faults.CrashPoint;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.CreateContainerResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.events.LifecycleEvents;
import dev.janus.cri.state.Clock;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.CriNames;
import dev.janus.cri.state.Ids;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.cri.state.Undo;
import dev.janus.cri.validation.ContainerChecks;
import dev.janus.images.Image;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.PodFiles;
import dev.janus.isolation.RuntimeHandler;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateContainer: check the request, reserve the name, take the image's layers, and let the
 * sandbox's handler create the container (its monitor starts; the process waits for Start).
 */
public final class CreateContainer {

    private static final Logger LOG = LoggerFactory.getLogger(CreateContainer.class);

    private final CriContext cri;

    public CreateContainer(CriContext cri) {
        this.cri = cri;
    }

    public CreateContainerResponse handle(CreateContainerRequest request) {
        ContainerConfig config = request.getConfig();
        ContainerChecks.check(config);
        SandboxRecord sandbox = cri.sandboxes().resolve(request.getPodSandboxId());
        if (sandbox.getPhase() != SandboxRecord.Phase.READY) {
            throw CriException.precondition("sandbox %s is not ready: containers can only be created"
                    + " in a running sandbox", sandbox.getId());
        }
        RuntimeHandler handler = cri.handlers().byName(sandbox.getHandler());
        if (handler == null) {
            throw CriException.precondition("sandbox %s runs on handler %s, which is not configured",
                    sandbox.getId(), sandbox.getHandler());
        }
        Image image = ImageLookup.forContainer(cri, config.getImage(), sandbox);
        Path logPath = LogPaths.resolve(sandbox.getConfig().getLogDirectory(), config.getLogPath());
        MountSources.ensure(config.getMetadata().getName(), config);
        String id = Ids.newId();
        ContainerRecord record = ContainerRecord.newBuilder()
                .setId(id)
                .setName(CriNames.container(config.getMetadata(), sandbox.getConfig().getMetadata()))
                .setSandboxId(sandbox.getId())
                .setConfig(config)
                .setPhase(ContainerRecord.Phase.CREATING)
                .setImageId(image.id())
                .setImageName(ImageLookup.displayName(image, config.getImage().getImage()))
                .setImageRef(ImageLookup.imageRef(image))
                .setImageStopSignal(image.config().stopSignal() == null ? "" : image.config().stopSignal())
                .setCreatedAtNanos(Clock.nowNanos())
                .setLogPath(logPath == null ? "" : logPath.toString())
                .setHandler(handler.name())
                .build();
        try (var held = cri.locks().lock(id); Undo undo = new Undo("CreateContainer " + id)) {
            cri.containers().insert(record);
            CrashPoint.CREATE_RECORDED.reached();
            undo.push(() -> cri.containers().delete(id));
            undo.push(() -> cri.images().releaseLayers(id));
            List<Path> layers = cri.images().acquireLayers(image.id(), id);
            CrashPoint.CREATE_LAYERS_TAKEN.reached();
            undo.push(() -> handler.removeContainer(id));
            handler.createContainer(new ContainerSpec(id, sandbox.getId(), config, sandbox.getConfig(),
                    ImageLookup.runtimeConfig(image), image.id(), layers, logPath, podFiles(sandbox)));
            CrashPoint.CREATE_HANDLER_CREATED.reached();
            cri.containers().put(record.toBuilder().setPhase(ContainerRecord.Phase.CREATED).build());
            CrashPoint.CREATE_DONE.reached();
            undo.commit();
        }
        LOG.info("container {} ({}) created in sandbox {}", id, record.getName(), sandbox.getId());
        LifecycleEvents.emit(cri, id, sandbox.getId(), ContainerEventType.CONTAINER_CREATED_EVENT);
        return CreateContainerResponse.newBuilder().setContainerId(id).build();
    }

    static PodFiles podFiles(SandboxRecord sandbox) {
        Path dir = Path.of(sandbox.getPodDir());
        return new PodFiles(dir.resolve("hosts"), dir.resolve("resolv.conf"), dir.resolve("hostname"));
    }
}
