package dev.janus.images.pull;

import dev.janus.images.ImageException;
import dev.janus.images.PlatformRequest;
import dev.janus.images.RegistryAuth;
import dev.janus.images.content.BlobSource;
import dev.janus.images.content.ContentStore;
import dev.janus.images.gc.Leases;
import dev.janus.images.manifest.Descriptor;
import dev.janus.cri.faults.CrashPoint;
import dev.janus.images.metadata.ImageRecord;
import dev.janus.images.metadata.MetadataStore;
import dev.janus.images.platform.HostPlatform;
import dev.janus.images.reference.ImageReference;
import dev.janus.images.registry.RegistryClient;
import dev.janus.images.registry.RepositorySession;
import dev.janus.images.snapshot.SnapshotStore;
import dev.janus.images.unpack.LayerUnpacker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PullImage: resolve the reference for the pod's platform, lease what the pull will use,
 * download the layers concurrently (streamed to disk, verified), unpack them bottom-up as they
 * arrive where this host can use them, then record the image and its names.
 *
 * <p>On a Linux host a Windows image is stored with every blob verified but is not unpacked:
 * Windows layers become HCS layers, which is the Windows backend's job on a Windows host.
 */
public final class Puller {

    private static final Logger LOG = LoggerFactory.getLogger(Puller.class);

    private final RegistryClient registry;
    private final ContentStore content;
    private final MetadataStore metadata;
    private final Leases leases;
    private final LayerStack layers;
    private final HostPlatform host;

    public Puller(RegistryClient registry, ContentStore content, MetadataStore metadata, SnapshotStore snapshots,
                  Leases leases, LayerUnpacker unpacker, HostPlatform host) {
        this.registry = registry;
        this.content = content;
        this.metadata = metadata;
        this.leases = leases;
        this.layers = new LayerStack(snapshots, unpacker);
        this.host = host;
    }

    public ImageRecord pull(ImageReference ref, RegistryAuth auth, PlatformRequest platform) {
        long start = System.nanoTime();
        RepositorySession session = registry.open(ref, auth);
        Resolution resolution = ImageResolver.resolve(session, ref, platform);
        boolean unpack = host.canUnpack(resolution.parsed().platform());
        try (Leases.Lease lease = leases.open();
             ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor()) {
            lease.blobs(blobsOf(resolution));
            storeDocuments(resolution);
            List<CompletableFuture<Path>> blobs = new ArrayList<>();
            for (Descriptor layer : resolution.layers()) {
                BlobSource source = offset -> {
                    RepositorySession.OpenedBlob b = session.blob(layer, offset);
                    return new BlobSource.Opened(b.body(), b.offset(), b.totalSize());
                };
                blobs.add(CompletableFuture.supplyAsync(() -> content.fetch(layer, source), downloads));
            }
            try {
                if (unpack) {
                    lease.snapshots(resolution.parsed().config().chainIds());
                    layers.unpack(resolution.parsed().config().diffIds(), resolution.parsed().config().chainIds(),
                            blobs.stream().<Supplier<Path>>map(f -> () -> join(f)).toList());
                }
                blobs.forEach(Puller::join);
            } catch (RuntimeException e) {
                downloads.shutdownNow();
                throw e;
            }
            CrashPoint.PULL_BLOBS_FETCHED.reached();
            ImageRecord record = record(resolution, unpack);
            CrashPoint.PULL_RECORDED.reached();
            LOG.info("pulled {} ({}, {}) in {} ms", ref, resolution.parsed().platform(), record.id(),
                    (System.nanoTime() - start) / 1_000_000);
            return record;
        }
    }

    /** Writes the image, then its names; each step is a valid state if the process dies after it. */
    private ImageRecord record(Resolution r, boolean unpacked) {
        ImageRecord fresh = new ImageRecord(r.imageId(), r.parsed().platform(), r.manifest(), r.document().config(),
                r.layers(), r.parsed().config(), r.sizeBytes(),
                r.viaIndex() ? List.of(r.top().digest()) : List.of(), unpacked);
        ImageRecord merged = metadata.image(fresh.id()).map(old -> old.mergedWith(fresh)).orElse(fresh);
        String os = r.parsed().platform().os();
        metadata.putImage(merged);
        metadata.commit();
        if (r.reference().repoTag() != null) {
            metadata.bindName(r.reference().repoTag(), os, merged.id());
        }
        metadata.bindName(r.reference().repoDigest(r.top().parsedDigest()), os, merged.id());
        metadata.commit();
        return merged;
    }

    private void storeDocuments(Resolution r) {
        if (r.viaIndex()) {
            content.put(r.top(), r.topBytes());
        }
        content.put(r.manifest(), r.manifestBytes());
        content.put(r.document().config(), r.configBytes());
    }

    private static List<String> blobsOf(Resolution r) {
        List<String> digests = new ArrayList<>();
        digests.add(r.top().digest());
        digests.add(r.manifest().digest());
        digests.add(r.document().config().digest());
        r.layers().forEach(l -> digests.add(l.digest()));
        return digests;
    }

    private static Path join(CompletableFuture<Path> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ImageException.internal("download failed: " + e.getCause(), e.getCause());
        }
    }
}
