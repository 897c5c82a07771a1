package dev.janus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a janusd has made on the host, as a refused request must leave it: every file under its
 * root and state directories (pod dirs, bundles, pinned network namespaces), the IP leases of
 * its network, the mounts under its directories, and the monitors it runs.
 */
record HostSnapshot(Set<String> files, Set<String> leases, List<String> mounts, long monitors) {

    static HostSnapshot of(JanusdFixture fixture) {
        try {
            Set<String> files = new TreeSet<>();
            for (Path dir : List.of(fixture.janusd().root(), fixture.janusd().state())) {
                files.addAll(tree(dir));
            }
            String prefix = fixture.dir().toString();
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4]).filter(point -> point.startsWith(prefix)).sorted().toList();
            long monitors;
            try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
                monitors = all.filter(p -> p.info().commandLine().map(c -> c.contains(prefix) && c.contains("conmon"))
                        .orElse(false)).count();
            }
            return new HostSnapshot(files, tree(fixture.ipamDir()), mounts, monitors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names under {@code dir}, but for logs and the trash that earlier removals empty in the background. */
    private static Set<String> tree(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Set<String> names = new TreeSet<>();
            if (!Files.exists(dir)) {
                return names;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.map(p -> dir.relativize(p).toString())
                        .filter(p -> !p.endsWith(".log") && !p.contains("trash"))
                        .forEach(names::add);
                return names;
            } catch (UncheckedIOException | IOException vanished) {
                if (attempt == 5) {
                    throw vanished instanceof IOException io ? io : ((UncheckedIOException) vanished).getCause();
                }
            }
        }
    }
}
