package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attachments on disk, like libcni's results cache: {@code <dir>/<sandboxId>/<network>-<ifName>.json},
 * plus a {@code .detached} mark once everything of a sandbox was deleted.
 * Writes go to a temp file that is synced and renamed, so after a crash an entry is either the
 * old one or the new one, never half of each.
 */
final class ResultCache {

    private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);
    static final String KIND = "janus.cni.attachment/v1";
    private static final String DETACHED = ".detached";

    private final Path dir;

    ResultCache(Path dir) {
        this.dir = dir;
    }

    void put(CachedAttachment entry) {
        Path file = fileOf(entry.sandboxId(), entry.networkName(), entry.ifName());
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            byte[] bytes = Json.write(toJson(entry)).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            move(temp, file);
        } catch (IOException e) {
            throw CriException.internal("cannot cache the CNI attachment of sandbox "
                    + entry.sandboxId() + " in " + file, e);
        }
    }

    /** The sandbox ids with cached attachments. */
    java.util.Set<String> sandboxIds() {
        return names(dir);
    }

    /** The valid sandbox ids named by the entries of {@code dir}; none when it does not exist. */
    static java.util.Set<String> names(Path dir) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .filter(n -> n.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}")).forEach(ids::add);
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.toString());
        }
        return ids;
    }

    /** Every attachment cached for a sandbox; unreadable entries are logged and skipped. */
    List<CachedAttachment> forSandbox(String sandboxId) {
        Path sandboxDir = dir.resolve(sandboxId);
        if (!Files.isDirectory(sandboxDir)) {
            return List.of();
        }
        List<CachedAttachment> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(sandboxDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                read(file).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw CriException.internal("cannot list cached CNI attachments in " + sandboxDir, e);
        }
        return out;
    }

    void remove(CachedAttachment entry) {
        Path file = fileOf(entry.sandboxId(), entry.networkName(), entry.ifName());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete cached CNI attachment {}: {}", file, e.toString());
        }
    }

    /**
     * Records that the sandbox's attachments were all deleted, so that a repeated detach knows
     * there is nothing to do rather than falling back to a DEL with the current config.
     */
    void markDetached(String sandboxId) {
        try {
            Files.createDirectories(dir.resolve(sandboxId));
            Files.writeString(dir.resolve(sandboxId).resolve(DETACHED), "");
        } catch (IOException e) {
            LOG.warn("cannot mark sandbox {} detached: {}", sandboxId, e.toString());
        }
    }

    boolean isDetached(String sandboxId) {
        return Files.exists(dir.resolve(sandboxId).resolve(DETACHED));
    }

    void clearDetached(String sandboxId) {
        try {
            Files.deleteIfExists(dir.resolve(sandboxId).resolve(DETACHED));
        } catch (IOException e) {
            throw CriException.internal("cannot clear the detached mark of sandbox " + sandboxId,
                    e);
        }
    }

    /** Drops whatever is left of a sandbox (only its detached mark, once it is detached). */
    void forget(String sandboxId) {
        clearDetached(sandboxId);
        try {
            Files.deleteIfExists(dir.resolve(sandboxId));
        } catch (DirectoryNotEmptyException stillAttached) {
            LOG.warn("sandbox {} is forgotten while CNI attachments are still cached", sandboxId);
        } catch (IOException e) {
            LOG.warn("cannot delete the CNI cache dir of sandbox {}: {}", sandboxId, e.toString());
        }
    }

    Path fileOf(String sandboxId, String network, String ifName) {
        return dir.resolve(sandboxId).resolve(network + "-" + ifName + ".json");
    }

    static ObjectNode toJson(CachedAttachment e) {
        ObjectNode out = Json.object().put("kind", KIND)
                .put("sandboxId", e.sandboxId())
                .put("networkName", e.networkName())
                .put("ifName", e.ifName())
                .put("netns", e.netns())
                .put("cniArgs", e.cniArgs());
        out.set("network", e.network());
        out.set("capabilityArgs", e.capabilityArgs());
        out.set("result", e.result());
        return out;
    }

    static CachedAttachment fromJson(JsonNode json) throws IOException {
        if (!KIND.equals(Json.text(json, "kind")) || !json.path("network").isObject()) {
            throw new IOException("not a " + KIND + " entry");
        }
        JsonNode caps = json.path("capabilityArgs");
        return new CachedAttachment(Json.text(json, "sandboxId"), Json.text(json, "networkName"),
                Json.text(json, "ifName"), Json.text(json, "netns"),
                (ObjectNode) json.get("network"), Json.text(json, "cniArgs"),
                caps.isObject() ? (ObjectNode) caps : Json.object(), json.get("result"));
    }

    private static Optional<CachedAttachment> read(Path file) {
        try {
            return Optional.of(fromJson(Json.MAPPER.readTree(file.toFile())));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("ignoring unreadable CNI cache entry {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
