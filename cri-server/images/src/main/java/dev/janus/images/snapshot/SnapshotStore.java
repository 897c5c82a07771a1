package dev.janus.images.snapshot;

import dev.janus.images.ImageException;
import dev.janus.images.gc.DiskUsage;
import dev.janus.images.metadata.MetadataStore;
import dev.janus.images.metadata.SnapshotRecord;
import dev.janus.images.metadata.SnapshotRecord.State;
import dev.janus.images.unpack.FileTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer snapshots under {@code snapshots/<n>/fs}, one per chain id; each holds one layer's
 * files in overlayfs form and is used as a lowerdir. Lifecycle: {@link #prepare} (recorded
 * UNPACKING, committed, then the directory is made), {@link #commit} (READY) or {@link #abort}
 * (directory and record removed). {@link #recover} finishes what a crash interrupted.
 */
public final class SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final Path root;
    private final MetadataStore metadata;

    public SnapshotStore(Path imagesRoot, MetadataStore metadata) {
        this.root = imagesRoot.resolve("snapshots");
        this.metadata = metadata;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /** The directory of a READY snapshot. */
    public Optional<Path> ready(String chainId) {
        return metadata.snapshot(chainId).filter(s -> s.state() == State.READY).map(s -> fs(s.id()));
    }

    /** Records a new snapshot as UNPACKING and returns its empty directory. */
    public Path prepare(String chainId, String diffId) {
        SnapshotRecord stale = metadata.snapshot(chainId).orElse(null);
        if (stale != null) {
            abort(chainId);
        }
        SnapshotRecord record = new SnapshotRecord(metadata.nextSnapshotNumber(), chainId, diffId, State.UNPACKING);
        metadata.putSnapshot(record);
        metadata.commit();
        Path fs = fs(record.id());
        try {
            FileTree.removeIfExists(fs.getParent());
            Files.createDirectories(fs);
        } catch (IOException e) {
            abort(chainId);
            throw ImageException.internal("cannot create snapshot directory " + fs + ": " + e.getMessage(), e);
        }
        return fs;
    }

    public void commit(String chainId) {
        SnapshotRecord record = metadata.snapshot(chainId)
                .orElseThrow(() -> new IllegalStateException("no snapshot " + chainId + " to commit"));
        metadata.putSnapshot(record.ready());
        metadata.commit();
    }

    /** Removes a snapshot's directory, then its record; a failed unpack leaves nothing behind. */
    public void abort(String chainId) {
        remove(chainId);
    }

    /** Removes the snapshot; returns the bytes its files used. */
    public long remove(String chainId) {
        Optional<SnapshotRecord> record = metadata.snapshot(chainId);
        if (record.isEmpty()) {
            return 0;
        }
        Path dir = fs(record.get().id()).getParent();
        long bytes = 0;
        try {
            bytes = sizeOf(dir);
            FileTree.removeIfExists(dir);
        } catch (IOException e) {
            throw ImageException.internal("cannot remove snapshot " + dir + ": " + e.getMessage(), e);
        }
        metadata.removeSnapshot(chainId);
        metadata.commit();
        return bytes;
    }

    public Set<String> chainIds() {
        Set<String> ids = new HashSet<>();
        metadata.snapshots().forEach(s -> ids.add(s.chainId()));
        return ids;
    }

    /** After a crash: drops UNPACKING snapshots and directories no record names. */
    public void recover() {
        Set<String> known = new HashSet<>();
        for (SnapshotRecord s : metadata.snapshots()) {
            if (s.state() == State.UNPACKING) {
                LOG.info("removing snapshot {} left half-unpacked by a previous run", s.id());
                remove(s.chainId());
            } else {
                known.add(Long.toString(s.id()));
            }
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                if (!known.contains(dir.getFileName().toString())) {
                    LOG.info("removing snapshot directory {} that no record names", dir);
                    FileTree.removeIfExists(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root, e);
        }
    }

    private Path fs(long id) {
        return root.resolve(Long.toString(id)).resolve("fs");
    }

    private static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        return DiskUsage.measure(dir).usedBytes();
    }
}
