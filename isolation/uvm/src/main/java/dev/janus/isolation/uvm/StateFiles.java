package dev.janus.isolation.uvm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON files of a VM directory: {@code sandbox.json}, {@code containers/<id>.json} and
 * {@code containers/<id>.spec.json} (the OCI spec the guest got). Written whole through a
 * temporary file and a rename, so a janusd killed mid-write leaves the old file or the new one.
 */
final class StateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StateFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StateFiles() {
    }

    static Path sandbox(Path vmDir) {
        return vmDir.resolve("sandbox.json");
    }

    static Path container(Path vmDir, String id) {
        return vmDir.resolve("containers").resolve(id + ".json");
    }

    static Path spec(Path vmDir, String id) {
        return vmDir.resolve("containers").resolve(id + ".spec.json");
    }

    static void write(Path file, Object value) {
        try {
            writeBytes(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (IOException e) {
            throw CriException.internal("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeBytes(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), type));
        } catch (IOException e) {
            LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Every container file of a VM directory. */
    static List<ContainerFile> containers(Path vmDir) {
        List<ContainerFile> found = new ArrayList<>();
        Path dir = vmDir.resolve("containers");
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json") && !name.endsWith(".spec.json")) {
                    read(file, ContainerFile.class).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.getMessage());
        }
        return found;
    }

    static void delete(Path... files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", file, e.getMessage());
            }
        }
    }
}
