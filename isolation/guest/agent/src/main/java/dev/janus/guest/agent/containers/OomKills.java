package dev.janus.guest.agent.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the OOM kills in a container's cgroup. The runtime removes the container's own cgroup
 * as soon as its process ends, before the agent can look, so the host puts each container in a
 * leaf under a cgroup of its own ({@code /janus/<id>/ctr}): the kernel counts the leaf's kills
 * in the parent's {@code memory.events} too (v2 events are hierarchical), and the parent stays
 * until DELETE_CONTAINER.
 */
final class OomKills {

    private OomKills() {
    }

    /** The cgroup whose count survives the container: the parent when it is named after the container. */
    static Path scope(Path cgroupRoot, String cgroupsPath, String containerId) {
        String relative = cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
        Path leaf = cgroupRoot.resolve(relative);
        Path parent = leaf.getParent();
        return parent != null && parent.getFileName().toString().equals(containerId) ? parent : leaf;
    }

    /** Processes of the scope the OOM killer ended so far; 0 where the kernel does not say. */
    static long count(Path scope) {
        try {
            for (String line : Files.readAllLines(scope.resolve("memory.events"))) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring("oom_kill ".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no memory controller here, or the cgroup is gone: no kill seen
        }
        return 0;
    }

    /** Removes the scope and, below it, a leaf the runtime left; a cgroup directory goes with rmdir. */
    static void remove(Path scope, Path leaf) {
        for (Path dir : scope.equals(leaf) ? new Path[] {leaf} : new Path[] {leaf, scope}) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // still has processes (a kill in flight) or was never made: the VM's end takes it
            }
        }
    }
}
