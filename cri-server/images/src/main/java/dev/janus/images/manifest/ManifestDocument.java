package dev.janus.images.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.janus.images.ImageException;
import java.io.IOException;
import java.util.List;

/**
 * A parsed manifest document: either an index (OCI index, Docker manifest list) or an image
 * manifest (OCI, Docker schema 2). Docker schema 1 is refused: registries stopped serving it.
 */
public sealed interface ManifestDocument {

    /** Upper bound for manifests and indexes held in memory (containerd uses the same). */
    int MAX_BYTES = 4 << 20;

    /** Upper bound for a layer's or config's declared size (1 TiB: refuses absurd descriptors). */
    long MAX_BLOB_BYTES = 1L << 40;

    record Index(String mediaType, List<Descriptor> manifests) implements ManifestDocument {
    }

    record Manifest(String mediaType, Descriptor config, List<Descriptor> layers) implements ManifestDocument {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Raw(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
               List<Descriptor> manifests) {
    }

    /**
     * Parses {@code body}; {@code contentType} is the registry's Content-Type or the descriptor's
     * media type, used when the document itself does not say (OCI makes mediaType optional).
     */
    static ManifestDocument parse(byte[] body, String contentType) {
        Raw raw;
        try {
            raw = Json.MAPPER.readValue(body, Raw.class);
        } catch (IOException e) {
            throw ImageException.invalid("manifest is not valid JSON: " + e.getMessage());
        }
        String type = raw.mediaType() != null && !raw.mediaType().isBlank() ? raw.mediaType() : contentType;
        if (raw.schemaVersion() == 1 || MediaTypes.isSchema1(type)) {
            throw ImageException.precondition("Docker schema 1 manifests are not supported; push the image again with a current client");
        }
        boolean index = MediaTypes.isIndex(type) || (!MediaTypes.isManifest(type) && raw.manifests() != null);
        if (index) {
            List<Descriptor> entries = raw.manifests() == null ? List.of() : raw.manifests();
            entries.forEach(d -> d.validated("index entry", MAX_BYTES));
            return new Index(MediaTypes.base(type), List.copyOf(entries));
        }
        if (raw.config() == null) {
            throw ImageException.invalid("manifest of type '" + type + "' has no config descriptor");
        }
        List<Descriptor> layers = raw.layers() == null ? List.of() : raw.layers();
        raw.config().validated("config", MAX_BYTES * 4L);
        for (Descriptor layer : layers) {
            layer.validated("layer", MAX_BLOB_BYTES);
            if (!MediaTypes.isLayer(layer.mediaType())) {
                throw ImageException.precondition("layer " + layer.digest() + " has unsupported media type '"
                        + layer.mediaType() + "'");
            }
        }
        return new Manifest(MediaTypes.base(type).isEmpty() ? MediaTypes.OCI_MANIFEST : MediaTypes.base(type),
                raw.config(), List.copyOf(layers));
    }
}
