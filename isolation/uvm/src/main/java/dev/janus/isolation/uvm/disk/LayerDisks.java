package dev.janus.isolation.uvm.disk;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image layers as read-only ext4 disks, one file per layer digest, built once from the
 * unpacked layer and shared by every VM that uses the layer. Overlay whiteouts in the layer
 * (0:0 character devices, {@code trusted.overlay.opaque} xattrs) go into the image as they are:
 * the guest stacks the disks with overlayfs. Concurrent requests for one digest build it once
 * (a lock per digest, and an atomic rename so no VM sees a half-written image). Counting which
 * VMs use a disk, and deleting it, is the caller's business.
 */
public final class LayerDisks {

    private static final Logger LOG = LoggerFactory.getLogger(LayerDisks.class);
    private static final Pattern DIGEST = Pattern.compile("([a-z0-9]+):([a-f0-9]{32,128})");

    private final Path dir;
    private final boolean vhd;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param dir where the images live, one {@code <algorithm>-<hex>.ext4} per layer
     * @param vhd append a fixed-VHD footer (Hyper-V); QEMU reads such a file as raw all the same
     */
    public LayerDisks(Path dir, boolean vhd) {
        this.dir = dir;
        this.vhd = vhd;
    }

    /** The guest-visible id of a layer's disk: {@code l-} and 16 hex digits of its digest. */
    public static String diskId(String digest) {
        return "l-" + hex(digest).substring(0, 16);
    }

    /** Where the image of a layer is (or will be). */
    public Path path(String digest) {
        var m = parse(digest);
        return dir.resolve(m.group(1) + "-" + m.group(2) + (vhd ? ".vhd" : ".ext4"));
    }

    /** The layer's image, built from {@code unpackedLayer} unless it exists already. */
    public Path ensure(String digest, Path unpackedLayer) {
        Path image = path(digest);
        if (Files.isRegularFile(image)) {
            return image;
        }
        ReentrantLock lock = locks.computeIfAbsent(digest, d -> new ReentrantLock());
        lock.lock();
        try {
            if (!Files.isRegularFile(image)) {
                build(digest, unpackedLayer, image);
            }
            return image;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a layer's image; VMs that still have it attached keep their open file. */
    public void delete(String digest) throws IOException {
        Files.deleteIfExists(path(digest));
    }

    private void build(String digest, Path source, Path image) {
        long started = System.nanoTime();
        Path partial = image.resolveSibling(image.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            LayerSize size = LayerSize.of(source);
            String uuid = UUID.nameUUIDFromBytes(digest.getBytes(StandardCharsets.UTF_8)).toString();
            Mke2fs.run(Mke2fs.layerArgv(source, partial, size.imageKib(), size.inodeCount(), uuid));
            if (vhd) {
                VhdFooter.append(partial, digest);
            }
            move(partial, image);
            LOG.info("layer disk {} built: {} KiB in {} ms", image.getFileName(), size.imageKib(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw CriException.internal("cannot build the disk of layer " + digest + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", partial, e.getMessage());
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the disks directory must be one file system: " + e.getMessage(), e);
        }
    }

    private static java.util.regex.Matcher parse(String digest) {
        var m = DIGEST.matcher(digest == null ? "" : digest);
        if (!m.matches()) {
            throw CriException.invalid("not a layer digest: %s", digest);
        }
        return m;
    }

    private static String hex(String digest) {
        return parse(digest).group(2);
    }
}
