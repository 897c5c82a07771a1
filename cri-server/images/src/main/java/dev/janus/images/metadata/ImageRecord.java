package dev.janus.images.metadata;

import dev.janus.images.ImageConfig;
import dev.janus.images.Platform;
import dev.janus.images.manifest.Descriptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the store keeps about one image (key: the image id). Names live apart, in
 * {@link MetadataStore}'s names map, so moving a tag touches one entry.
 *
 * @param indexDigests every index a name resolved to, kept so repo digests stay fetchable
 * @param unpacked     its layers are snapshots on this host (Linux images on a Linux host)
 */
public record ImageRecord(
        String id,
        Platform platform,
        Descriptor manifest,
        Descriptor config,
        List<Descriptor> layers,
        ImageConfig imageConfig,
        long sizeBytes,
        List<String> indexDigests,
        boolean unpacked) {

    public ImageRecord {
        layers = List.copyOf(layers);
        indexDigests = indexDigests == null ? List.of() : List.copyOf(indexDigests);
    }

    /** Every blob this image needs kept: indexes, manifest, config, layers. */
    public List<String> blobs() {
        List<String> all = new ArrayList<>(indexDigests);
        all.add(manifest.digest());
        all.add(config.digest());
        layers.forEach(l -> all.add(l.digest()));
        return all;
    }

    /** The same image pulled again, maybe through another index: keeps every index digest. */
    public ImageRecord mergedWith(ImageRecord newer) {
        Set<String> indexes = new LinkedHashSet<>(indexDigests);
        indexes.addAll(newer.indexDigests());
        return new ImageRecord(id, platform, newer.manifest(), config, layers, imageConfig, newer.sizeBytes(),
                List.copyOf(indexes), unpacked || newer.unpacked());
    }
}
