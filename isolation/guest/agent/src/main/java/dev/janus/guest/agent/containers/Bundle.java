package dev.janus.guest.agent.containers;

import java.nio.file.Path;

/** A container's bundle directory in the guest: config.json, the rootfs mount point, pid files. */
record Bundle(Path dir) {

    Path config() {
        return dir.resolve("config.json");
    }

    Path rootfs() {
        return dir.resolve("rootfs");
    }

    /** The last UPDATE_RESOURCES request, as the runtime's update reads it. */
    Path resourcesUpdate() {
        return dir.resolve("resources-update.json");
    }

    Path pidFile() {
        return dir.resolve("init.pid");
    }

    Path execPidFile(String execId) {
        return dir.resolve("exec-" + execId + ".pid");
    }

    /** The OCI process an exec runs, as the host built it from the container's spec. */
    Path execProcess(String execId) {
        return dir.resolve("exec-" + execId + ".json");
    }
}
