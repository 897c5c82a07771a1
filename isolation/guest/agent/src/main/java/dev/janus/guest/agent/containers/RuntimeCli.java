package dev.janus.guest.agent.containers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the OCI runtime (crun in the guest; runc in tests: the options used are
 * common to both). Its state lives under {@code root}, in the agent's state directory.
 *
 * @param noPivot the guest's root is the initramfs, where pivot_root fails: the runtime moves
 *     the rootfs over / and chroots instead. The VM is the pod's isolation boundary, so the
 *     weaker containment of chroot stays inside one pod.
 */
record RuntimeCli(Path binary, Path root, boolean noPivot) {

    /** Foreground: the runtime waits for the container and exits with its status. */
    List<String> run(String id, Bundle bundle) {
        List<String> argv = argv("run", "--bundle", bundle.dir().toString(), "--pid-file", bundle.pidFile().toString());
        if (noPivot) {
            argv.add("--no-pivot");
        }
        argv.add(id);
        return argv;
    }

    /**
     * The whole process comes from a file: given only a command, crun fills in its own defaults
     * (root, every capability of the bounding set) instead of the container's identity.
     */
    List<String> exec(String id, Path pidFile, Path process) {
        List<String> argv = argv("exec", "--process", process.toString(), "--pid-file", pidFile.toString());
        argv.add(id);
        return argv;
    }

    List<String> kill(String id, int signal, boolean all) {
        List<String> argv = argv("kill");
        if (all) {
            argv.add("--all");
        }
        argv.add(id);
        argv.add(Integer.toString(signal));
        return argv;
    }

    /** New cgroup limits from an OCI {@code linux.resources} JSON file. */
    List<String> update(String id, Path resources) {
        return argv("update", "--resources=" + resources, id);
    }

    List<String> delete(String id) {
        return argv("delete", "--force", id);
    }

    private List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "--root", root.toString()));
        argv.addAll(List.of(args));
        return argv;
    }
}
