package dev.janus.isolation;

import java.util.List;

/**
 * The parts of an image's config that decide how its process runs (OCI image config
 * {@code config} section); cri-server fills it from the image store.
 */
public record ImageRuntimeConfig(String user, List<String> env, List<String> entrypoint,
        List<String> cmd, String workingDir, String stopSignal) {

    public ImageRuntimeConfig {
        user = user == null ? "" : user;
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        workingDir = workingDir == null ? "" : workingDir;
        stopSignal = stopSignal == null ? "" : stopSignal;
    }
}
