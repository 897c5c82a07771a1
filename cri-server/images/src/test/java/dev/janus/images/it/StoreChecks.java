package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.janus.images.testing.StoreFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/** Assertions about what a store left on disk. */
final class StoreChecks {

    private StoreChecks() {
    }

    /** Every snapshot directory belongs to a READY record, and no ingest file is left. */
    static void noPartialState(StoreFixture fixture) {
        MVMap<String, String> records = fixture.mvStore().openMap("images.snapshots");
        Set<String> ready = new TreeSet<>();
        for (String json : records.values()) {
            assertFalse(json.contains("UNPACKING"), "a snapshot is still UNPACKING: " + json);
            ready.add(json.replaceAll(".*\"id\":(\\d+).*", "$1"));
        }
        assertEquals(ready, new TreeSet<>(names(fixture.root().resolve("snapshots"))), "snapshot directories");
        assertEquals(List.of(), names(fixture.root().resolve("content/ingest")), "ingest leftovers");
    }

    static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isRoot() {
        try {
            Path probe = Files.createTempFile("janus-root-probe", "");
            try {
                return (Integer) Files.getAttribute(probe, "unix:uid") == 0;
            } finally {
                Files.delete(probe);
            }
        } catch (IOException e) {
            return false;
        }
    }
}
