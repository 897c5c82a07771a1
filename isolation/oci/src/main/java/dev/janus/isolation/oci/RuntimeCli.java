package dev.janus.isolation.oci;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.host.HostCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCI runtime's command line (runc and crun share it), always with this handler's private
 * state root, so several janusd on one host never see each other's containers.
 */
final class RuntimeCli {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path root;

    RuntimeCli(Path binary, Path root) {
        this.binary = binary;
        this.root = root;
    }

    Path binary() {
        return binary;
    }

    Path root() {
        return root;
    }

    void start(String id) {
        check("start", id, List.of("start", id));
    }

    /** Sends a signal; {@code all} reaches every process of the container, not only its init. */
    void kill(String id, String signal, boolean all) {
        List<String> args = new ArrayList<>(List.of("kill"));
        if (all) {
            args.add("--all");
        }
        args.add(id);
        args.add(signal);
        HostCommand.Result result = run(args);
        if (!result.ok() && !gone(result)) {
            throw CriException.internal("runtime kill " + signal + " of " + id + " failed: " + result.stderr().trim(), null);
        }
    }

    /**
     * Removes the container, killing it if it runs; an unknown id is not an error. A container
     * whose process is ending (or that a second delete is removing, as the exit watcher and
     * RemoveContainer may at once) makes runc fail with "invalid state transition": it read the
     * state before the change; asked again it sees the new one.
     */
    void deleteForce(String id) {
        for (int attempt = 1; ; attempt++) {
            HostCommand.Result result = run(List.of("delete", "--force", id));
            if (result.ok() || gone(result)) {
                return;
            }
            if (!result.stderr().contains("invalid state transition") || attempt == DELETE_ATTEMPTS) {
                throw CriException.internal("runtime delete of " + id + " failed: " + result.stderr().trim(), null);
            }
            try {
                Thread.sleep(50L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CriException.internal("interrupted deleting " + id, e);
            }
        }
    }

    private static final int DELETE_ATTEMPTS = 5;

    /** Applies new cgroup limits, given as OCI {@code linux.resources} JSON. */
    void update(String id, String resourcesJson) {
        HostCommand.Result result = HostCommand.run(argv(List.of("update", "--resources", "-", id)), TIMEOUT,
                resourcesJson.getBytes(StandardCharsets.UTF_8), null);
        if (!result.ok()) {
            throw updateRefused(id, result.stderr().trim());
        }
    }

    /**
     * The kernel refuses a memory limit below what the cgroup holds and cannot reclaim (v1:
     * EBUSY; runc says "unable to set memory limit to N (current usage: M ...)"): the request
     * does not fit the container's state, which is FAILED_PRECONDITION with the numbers.
     */
    static CriException updateRefused(String id, String stderr) {
        Matcher busy = MEMORY_BUSY.matcher(stderr);
        if (busy.find()) {
            return CriException.precondition("container %s uses %s bytes of memory: its memory limit cannot go"
                    + " down to %s bytes", id, busy.group(2), busy.group(1));
        }
        if (stderr.contains("device or resource busy")) {
            return CriException.precondition("container %s cannot take these resources now: %s", id, stderr);
        }
        return CriException.internal("runtime update of " + id + " failed: " + stderr, null);
    }

    private static final Pattern MEMORY_BUSY =
            Pattern.compile("unable to set memory limit to (\\d+) \\(current usage: (\\d+)");

    List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.add("--root");
        argv.add(root.toString());
        argv.addAll(args);
        return argv;
    }

    private void check(String what, String id, List<String> args) {
        HostCommand.Result result = run(args);
        if (!result.ok()) {
            throw CriException.internal("runtime " + what + " of " + id + " failed: " + result.stderr().trim(), null);
        }
    }

    private HostCommand.Result run(List<String> args) {
        return HostCommand.run(argv(args), TIMEOUT);
    }

    private static boolean gone(HostCommand.Result result) {
        String err = result.stderr();
        return err.contains("does not exist") || err.contains("not found") || err.contains("not running")
                || err.contains("container not running") || err.contains("process already finished");
    }
}
