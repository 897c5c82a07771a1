package dev.janus.cri;

import dev.janus.cri.config.JanusConfig;
import dev.janus.cri.events.ContainerEvents;
import dev.janus.cri.handlers.RuntimeHandlers;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.IdLocks;
import dev.janus.cri.state.RecordTable;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.images.ImageStore;
import dev.janus.networking.PodNetwork;
import java.nio.file.Path;

/**
 * Everything a CRI verb works with, built once by {@link Janusd}.
 *
 * @param podsDir where each pod's shared files live ({@code <state>/pods/<id>})
 */
public record CriContext(JanusConfig config, RecordTable<SandboxRecord> sandboxes,
        RecordTable<ContainerRecord> containers, IdLocks locks, RuntimeHandlers handlers,
        PodNetwork network, ImageStore images, ContainerEvents events, Path podsDir) {
}
