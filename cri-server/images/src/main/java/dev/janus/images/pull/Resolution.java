package dev.janus.images.pull;

import dev.janus.images.manifest.Descriptor;
import dev.janus.images.manifest.ImageConfigParser;
import dev.janus.images.manifest.ManifestDocument;
import dev.janus.images.reference.ImageReference;
import java.util.List;

/**
 * What a reference resolved to for one platform: the top-level document (an index, or the
 * manifest itself), the chosen manifest, and the parsed config. Small documents are kept as
 * bytes to be stored once the pull holds its lease.
 */
record Resolution(
        ImageReference reference,
        Descriptor top,
        byte[] topBytes,
        boolean viaIndex,
        Descriptor manifest,
        byte[] manifestBytes,
        ManifestDocument.Manifest document,
        byte[] configBytes,
        ImageConfigParser.Parsed parsed) {

    String imageId() {
        return document.config().digest();
    }

    List<Descriptor> layers() {
        return document.layers();
    }

    /** As containerd reports it: the resolved index (if any), the manifest, the config, the layers. */
    long sizeBytes() {
        long size = (viaIndex ? top.size() : 0) + manifest.size() + document.config().size();
        for (Descriptor layer : layers()) {
            size += layer.size();
        }
        return size;
    }
}
