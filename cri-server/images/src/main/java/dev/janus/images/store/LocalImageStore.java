package dev.janus.images.store;

import dev.janus.images.FsUsage;
import dev.janus.images.Image;
import dev.janus.images.ImageException;
import dev.janus.images.ImageStore;
import dev.janus.images.ImagesConfig;
import dev.janus.images.PlatformRequest;
import dev.janus.images.RegistryAuth;
import dev.janus.images.content.ContentStore;
import dev.janus.images.gc.DiskUsage;
import dev.janus.images.gc.GarbageCollector;
import dev.janus.images.gc.Leases;
import dev.janus.images.metadata.HolderRecord;
import dev.janus.images.metadata.ImageRecord;
import dev.janus.images.metadata.MetadataStore;
import dev.janus.images.platform.HostPlatform;
import dev.janus.images.pull.Puller;
import dev.janus.images.reference.ImageReference;
import dev.janus.images.registry.RegistryClient;
import dev.janus.images.registry.RetryingSender;
import dev.janus.images.snapshot.SnapshotStore;
import dev.janus.images.unpack.LayerUnpacker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * The {@link ImageStore} on this host: metadata in janusd's MVStore, blobs and snapshots under
 * one root directory. Opening it finishes what a crash interrupted (ingest files, half-unpacked
 * snapshots, names of removed images).
 */
public final class LocalImageStore implements ImageStore {

    private final Path root;
    private final MetadataStore metadata;
    private final SnapshotStore snapshots;
    private final Leases leases = new Leases();
    private final GarbageCollector gc;
    private final Puller puller;
    private final ImageLookup lookup;
    private final ImageViews views;
    private final AtomicLong changes = new AtomicLong();
    private volatile CachedUsage cachedUsage;

    private record CachedUsage(long generation, FsUsage usage) {
    }

    public LocalImageStore(ImagesConfig config, Path root, MVStore store, HostPlatform host) {
        this.root = root.toAbsolutePath();
        this.metadata = new MetadataStore(store);
        RetryingSender sender = new RetryingSender(config.retry());
        ContentStore content = new ContentStore(this.root, new Semaphore(config.maxConcurrentDownloads()),
                config.retry().attempts(), sender::pause);
        this.snapshots = new SnapshotStore(this.root, metadata);
        this.gc = new GarbageCollector(metadata, content, snapshots, leases);
        this.puller = new Puller(new RegistryClient(config), content, metadata, snapshots, leases,
                new LayerUnpacker(config.maxUncompressedLayerBytes()), host);
        this.lookup = new ImageLookup(metadata);
        this.views = new ImageViews(metadata, config.pinnedImages());
        content.removeLeftovers();
        snapshots.recover();
        metadata.dropDanglingNames();
        metadata.commit();
    }

    @Override
    public Image pull(String reference, RegistryAuth auth, PlatformRequest platform) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(reference);
        } catch (ImageException e) {
            throw e.in("pull", "'" + reference + "'");
        }
        try {
            ImageRecord record = puller.pull(ref, auth == null ? RegistryAuth.NONE : auth,
                    platform == null ? PlatformRequest.hostDefault() : platform);
            return views.of(record);
        } catch (ImageException e) {
            throw e.in("pull", ref.toString());
        } finally {
            changes.incrementAndGet();
        }
    }

    @Override
    public Optional<Image> resolve(String referenceOrId, PlatformRequest platform) {
        try {
            return lookup.find(referenceOrId, platform).map(views::of);
        } catch (ImageException e) {
            throw e.in("resolve", "'" + referenceOrId + "'");
        }
    }

    @Override
    public List<Image> list() {
        return views.all();
    }

    @Override
    public boolean remove(String referenceOrId) {
        Optional<ImageRecord> image;
        try {
            image = lookup.find(referenceOrId, null);
        } catch (ImageException e) {
            throw e.in("remove", "'" + referenceOrId + "'");
        }
        if (image.isEmpty()) {
            return false;
        }
        leases.exclusively(() -> {
            metadata.unbindImage(image.get().id());
            metadata.commit();
            metadata.removeImage(image.get().id());
            metadata.commit();
            return null;
        });
        collectGarbage();
        return true;
    }

    @Override
    public FsUsage usage() {
        long generation = changes.get();
        CachedUsage cached = cachedUsage;
        if (cached == null || cached.generation() != generation) {
            cached = new CachedUsage(generation, DiskUsage.measure(root));
            cachedUsage = cached;
        }
        return cached.usage();
    }

    @Override
    public List<Path> acquireLayers(String imageId, String holderId) {
        return leases.exclusively(() -> {
            ImageRecord image = lookup.find(imageId, null).orElseThrow(
                    () -> ImageException.notFound("acquire layers of " + imageId + " for " + holderId + ": no such image"));
            if (!image.unpacked()) {
                throw ImageException.precondition("acquire layers of " + image.id() + ": it is a " + image.platform()
                        + " image, whose layers this host does not unpack");
            }
            List<Path> layers = new ArrayList<>();
            for (String chainId : image.imageConfig().chainIds()) {
                layers.add(snapshots.ready(chainId).orElseThrow(() -> ImageException.internal(
                        "snapshot " + chainId + " of image " + image.id() + " is missing", null)));
            }
            Set<String> held = new LinkedHashSet<>(image.imageConfig().chainIds());
            metadata.holder(holderId).ifPresent(h -> held.addAll(h.chainIds()));
            metadata.putHolder(new HolderRecord(holderId, image.id(), List.copyOf(held)));
            metadata.commit();
            Collections.reverse(layers);
            return layers;
        });
    }

    @Override
    public void releaseLayers(String holderId) {
        boolean removed = leases.exclusively(() -> {
            boolean existed = metadata.removeHolder(holderId);
            metadata.commit();
            return existed;
        });
        if (removed) {
            collectGarbage(); // frees the layers of an image removed while the container used it
        }
    }

    @Override
    public long collectGarbage() {
        try {
            return gc.collect();
        } finally {
            changes.incrementAndGet();
        }
    }

    @Override
    public void close() {
        // the MVStore is janusd's; nothing else is held open between calls
    }
}
