package dev.janus.networking.cni;

import dev.janus.networking.cni.NetworkConfigParser.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The network config in the conf dir, chosen as libcni and containerd choose it: of the
 * {@code *.conf}, {@code *.conflist} and {@code *.json} files, the lexically first. A broken
 * first file makes the network unavailable instead of silently choosing another one.
 *
 * <p>Re-read when the dir's listing (names, sizes, mtimes) changes, so a config dropped in
 * later takes effect at the next {@link #current()} without restarting janusd.
 */
final class NetworkConfigs {

    private static final List<String> EXTENSIONS = List.of(".conf", ".conflist", ".json");

    /** What the conf dir offers right now. */
    sealed interface Selection {
        record Found(NetworkConfigList network) implements Selection {
        }

        record Missing(String message) implements Selection {
        }
    }

    private final Path confDir;
    private List<String> fingerprint = List.of("never read");
    private Selection selection;

    NetworkConfigs(Path confDir) {
        this.confDir = confDir;
    }

    synchronized Selection current() {
        List<Path> files;
        try {
            files = candidates(confDir);
        } catch (IOException e) {
            return new Selection.Missing("cannot list the CNI config dir " + confDir + ": " + e);
        }
        List<String> now = fingerprint(files);
        if (!now.equals(fingerprint)) {
            selection = select(confDir, files);
            fingerprint = now;
        }
        return selection;
    }

    /** The config files of a dir, sorted by name; an absent dir has none. */
    static List<Path> candidates(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(NetworkConfigs::isConfigName)
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> a.getFileName().toString()
                            .compareTo(b.getFileName().toString()))
                    .toList();
        }
    }

    static Selection select(Path dir, List<Path> files) {
        if (files.isEmpty()) {
            return new Selection.Missing("no CNI network config (*.conflist, *.conf, *.json) in "
                    + dir + ": run the set-up command or drop a config there");
        }
        Path first = files.getFirst();
        try {
            String text = Files.readString(first);
            boolean isList = first.getFileName().toString().endsWith(".conflist");
            return new Selection.Found(NetworkConfigParser.parse(first.toString(), text, isList));
        } catch (IOException e) {
            return new Selection.Missing("cannot read CNI config " + first + ": " + e);
        } catch (InvalidConfigException e) {
            return new Selection.Missing("invalid CNI config: " + e.getMessage());
        }
    }

    /** Extensions match case-sensitively as in libcni; dot files are skipped (editors, temp copies). */
    private static boolean isConfigName(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** Cheap to compute on every readiness call: one listing and a stat per file. */
    private static List<String> fingerprint(List<Path> files) {
        return files.stream().map(f -> {
            try {
                return f.getFileName() + ":" + Files.size(f) + ":"
                        + Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
                return f.getFileName() + ":unreadable";
            }
        }).toList();
    }
}
