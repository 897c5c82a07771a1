package dev.janus.images;

import java.util.List;

/**
 * One stored image as CRI reports it.
 *
 * @param id             {@code sha256:<hex of the config blob's digest>}
 * @param repoTags       e.g. {@code docker.io/library/busybox:latest}
 * @param repoDigests    {@code <name>@<digest of what the reference resolved to>}: an index
 *                       digest for a multi-platform image, as containerd reports it
 * @param sizeBytes      as containerd and crictl report it: the resolved index (if any), the
 *                       manifest, the config and the compressed layers
 * @param pinned         named in {@code ImagesConfig.pinnedImages}: kubelet's GC leaves it alone
 * @param manifestDigest the platform manifest chosen for this image
 * @param unpacked       layers are unpacked on this host, so {@link ImageStore#acquireLayers} works
 */
public record Image(
        String id,
        List<String> repoTags,
        List<String> repoDigests,
        long sizeBytes,
        boolean pinned,
        Platform platform,
        ImageConfig config,
        String manifestDigest,
        boolean unpacked) {

    public Image {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
    }
}
