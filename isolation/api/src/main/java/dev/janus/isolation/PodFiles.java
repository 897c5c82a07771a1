package dev.janus.isolation;

import java.nio.file.Path;

/** Files cri-server writes once per pod and every container mounts; a null path is not mounted. */
public record PodFiles(Path hosts, Path resolvConf, Path hostname) {
}
