package dev.janus.images.gc;

import dev.janus.images.content.ContentStore;
import dev.janus.images.metadata.HolderRecord;
import dev.janus.images.metadata.ImageRecord;
import dev.janus.images.metadata.MetadataStore;
import dev.janus.images.reference.Digest;
import dev.janus.images.snapshot.SnapshotStore;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mark and sweep over the store: blobs are live if an image or a running pull needs them;
 * snapshots are live if an unpacked image, a holder (a container, until it is removed) or a
 * running pull needs them. Everything else is deleted.
 */
public final class GarbageCollector {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final MetadataStore metadata;
    private final ContentStore content;
    private final SnapshotStore snapshots;
    private final Leases leases;

    public GarbageCollector(MetadataStore metadata, ContentStore content, SnapshotStore snapshots, Leases leases) {
        this.metadata = metadata;
        this.content = content;
        this.snapshots = snapshots;
        this.leases = leases;
    }

    /** Returns the bytes freed. */
    public long collect() {
        return leases.exclusively(() -> {
            Set<String> liveBlobs = new HashSet<>(leases.leasedBlobs());
            Set<String> liveSnapshots = new HashSet<>(leases.leasedSnapshots());
            for (ImageRecord image : metadata.images()) {
                liveBlobs.addAll(image.blobs());
                if (image.unpacked()) {
                    liveSnapshots.addAll(image.imageConfig().chainIds());
                }
            }
            for (HolderRecord holder : metadata.holders()) {
                liveSnapshots.addAll(holder.chainIds());
            }
            long freed = 0;
            int blobsRemoved = 0;
            int snapshotsRemoved = 0;
            for (String chainId : snapshots.chainIds()) {
                if (!liveSnapshots.contains(chainId)) {
                    freed += snapshots.remove(chainId);
                    snapshotsRemoved++;
                }
            }
            for (Digest digest : content.list()) {
                if (!liveBlobs.contains(digest.toString())) {
                    freed += content.delete(digest);
                    blobsRemoved++;
                }
            }
            if (blobsRemoved + snapshotsRemoved > 0) {
                LOG.info("image GC removed {} blobs and {} snapshots, {} bytes", blobsRemoved, snapshotsRemoved, freed);
            }
            return freed;
        });
    }
}
