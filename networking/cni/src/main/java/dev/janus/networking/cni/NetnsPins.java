package dev.janus.networking.cni;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network namespaces pinned as files under {@code <stateDir>/netns/<sandboxId>}. The JVM is
 * multithreaded, so unshare(2) from Java would move an arbitrary thread: util-linux's
 * {@code unshare --net=FILE} does it in a child and bind-mounts the new namespace onto FILE.
 * Removal is umount (lazy if something still holds it) and delete. Both are idempotent.
 */
final class NetnsPins {

    private static final Logger LOG = LoggerFactory.getLogger(NetnsPins.class);
    private static final Pattern SANDBOX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");
    /** A namespace mounted twice (two racing creates) needs two unmounts; more is a bug. */
    private static final int MAX_UNMOUNTS = 4;

    private final Path dir;
    private final Duration timeout;

    NetnsPins(Path dir, Duration timeout) {
        this.dir = dir;
        this.timeout = timeout;
    }

    Path pathOf(String sandboxId) {
        return dir.resolve(requireValidId(sandboxId));
    }

    /** Ids become file names (pins, cache dirs): no separators, no dot-dot. */
    static String requireValidId(String sandboxId) {
        if (sandboxId == null || !SANDBOX_ID.matcher(sandboxId).matches()) {
            throw CriException.invalid("\"%s\" is not a sandbox id a network namespace can be"
                    + " named after", sandboxId);
        }
        return sandboxId;
    }

    static boolean isPinned(Path path) {
        return MountTable.isNamespaceMount(path);
    }

    Path create(String sandboxId) {
        Path pin = pathOf(sandboxId);
        if (isPinned(pin)) {
            return pin;
        }
        try {
            Files.createDirectories(dir);
            if (!Files.exists(pin)) {
                Files.createFile(pin);
            }
        } catch (IOException e) {
            throw CriException.internal("cannot create the netns pin " + pin + " of sandbox "
                    + sandboxId, e);
        }
        ProcessRun.Outcome out = run("unshare", "--net=" + pin, "true");
        if (!out.ok() || !isPinned(pin)) {
            deleteQuietly(pin);
            throw new CriException(CriException.Kind.INTERNAL, "cannot create the network"
                    + " namespace of sandbox " + sandboxId + " at " + pin + ": " + why(out));
        }
        return pin;
    }

    /** The sandbox ids with a pin file here, pinned or left half-made. */
    java.util.Set<String> ids() {
        return ResultCache.names(dir);
    }

    void remove(String sandboxId) {
        Path pin = pathOf(sandboxId);
        for (int i = 0; i < MAX_UNMOUNTS && isPinned(pin); i++) {
            ProcessRun.Outcome out = run("umount", pin.toString());
            if (!out.ok() && isPinned(pin)) {
                LOG.warn("umount of netns {} failed ({}), detaching it lazily", pin, why(out));
                ProcessRun.Outcome lazy = run("umount", "--lazy", pin.toString());
                if (!lazy.ok() && isPinned(pin)) {
                    throw new CriException(CriException.Kind.INTERNAL, "cannot unmount the"
                            + " network namespace of sandbox " + sandboxId + " at " + pin + ": "
                            + why(lazy));
                }
            }
        }
        if (isPinned(pin)) {
            throw new CriException(CriException.Kind.INTERNAL, "the network namespace of sandbox "
                    + sandboxId + " is still mounted at " + pin + " after " + MAX_UNMOUNTS
                    + " unmounts");
        }
        try {
            Files.deleteIfExists(pin);
        } catch (IOException e) {
            throw CriException.internal("cannot delete the netns pin " + pin + " of sandbox "
                    + sandboxId, e);
        }
    }

    private ProcessRun.Outcome run(String... command) {
        try {
            return ProcessRun.run(List.of(command), Map.of(), new byte[0], timeout);
        } catch (IOException e) {
            return new ProcessRun.Outcome(-1, false, "", "cannot run " + command[0] + ": " + e);
        }
    }

    private static String why(ProcessRun.Outcome out) {
        if (out.timedOut()) {
            return "timed out";
        }
        String tail = out.stderrTail();
        return tail.isEmpty() ? "exit status " + out.exitCode() : tail;
    }

    private static void deleteQuietly(Path pin) {
        try {
            if (!isPinned(pin)) {
                Files.deleteIfExists(pin);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete the netns pin {}: {}", pin, e.toString());
        }
    }
}
