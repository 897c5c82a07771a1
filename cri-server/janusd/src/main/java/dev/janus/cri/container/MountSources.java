package dev.janus.cri.container;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Mount;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mount whose host path does not exist gets a directory there, as containerd and Docker make
 * one, instead of failing deep in the runtime. The path was checked first: absolute, no '..'.
 */
final class MountSources {

    private static final Logger LOG = LoggerFactory.getLogger(MountSources.class);

    private MountSources() {
    }

    static void ensure(String containerName, ContainerConfig config) {
        for (Mount mount : config.getMountsList()) {
            String source = mount.getHostPath();
            if (!source.startsWith("/") || (mount.hasImage() && !mount.getImage().getImage().isEmpty())) {
                continue; // a Windows-shaped or image source: its handler maps it
            }
            Path path = Path.of(source);
            if (Files.exists(path) || Files.isSymbolicLink(path)) {
                continue;
            }
            try {
                Files.createDirectories(path);
                LOG.info("container {}: created the missing mount source {}", containerName, path);
            } catch (IOException e) {
                throw CriException.precondition("container %s: the mount source %s does not exist and cannot be"
                        + " created: %s", containerName, path, e.getMessage());
            }
        }
    }
}
