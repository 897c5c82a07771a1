package dev.janus.images.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.janus.images.ImageException;
import dev.janus.images.Platform;
import dev.janus.images.reference.Digest;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor as found in manifests and indexes (and stored in metadata).
 * {@code urls} are where a non-distributable (foreign) layer may be fetched from.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(
        String mediaType,
        String digest,
        long size,
        PlatformJson platform,
        List<String> urls,
        Map<String, String> annotations) {

    /** The platform object of an index entry; JSON names follow the image spec. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record PlatformJson(
            String architecture,
            String os,
            @JsonProperty("os.version") String osVersion,
            @JsonProperty("os.features") List<String> osFeatures,
            String variant) {

        public Platform toPlatform() {
            return new Platform(os, architecture, variant, osVersion);
        }
    }

    public Descriptor {
        urls = urls == null ? List.of() : List.copyOf(urls);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest.toString(), size, null, null, null);
    }

    /** The digest, validated: a descriptor with a malformed or non-sha256 digest is refused. */
    @JsonIgnore
    public Digest parsedDigest() {
        return Digest.parse(digest);
    }

    /** Checks what a manifest says before anything is fetched for it. */
    public Descriptor validated(String what, long maxSize) {
        parsedDigest();
        if (size < 0 || size > maxSize) {
            throw ImageException.invalid(what + " " + digest + " has an impossible size " + size);
        }
        return this;
    }
}
