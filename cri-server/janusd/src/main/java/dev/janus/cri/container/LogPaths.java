package dev.janus.cri.container;

import dev.janus.cri.errors.CriException;
import java.nio.file.Path;

/**
 * Where a container's CRI log goes: kubelet gives the pod's log directory and a path relative
 * to it. A path that would leave that directory is refused, so no client can make janusd write
 * logs over a host file.
 */
public final class LogPaths {

    private LogPaths() {
    }

    /** The absolute log path, or null when the pod has no log directory or the config no path. */
    public static Path resolve(String logDirectory, String logPath) {
        if (logPath.isEmpty() || logDirectory.isEmpty()) {
            return null;
        }
        Path relative = Path.of(logPath);
        if (relative.isAbsolute()) {
            throw CriException.invalid("log_path \"%s\" must be relative to the pod's log directory", logPath);
        }
        Path dir = Path.of(logDirectory).normalize();
        Path resolved = dir.resolve(relative).normalize();
        if (!resolved.startsWith(dir) || resolved.equals(dir)) {
            throw CriException.invalid("log_path \"%s\" escapes the pod's log directory %s", logPath, dir);
        }
        return resolved;
    }
}
