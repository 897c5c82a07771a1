package dev.janus.images.store;

import dev.janus.images.ImageException;
import dev.janus.images.PlatformRequest;
import dev.janus.images.metadata.ImageRecord;
import dev.janus.images.metadata.MetadataStore;
import dev.janus.images.reference.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds an image by what kubelet or crictl send: a full id ({@code sha256:<hex>} or bare hex),
 * a reference in any form ({@code busybox}, {@code docker.io/library/busybox:latest},
 * {@code name@sha256:...}), or a unique id prefix, in that order.
 */
final class ImageLookup {

    private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[a-f0-9]{64}");
    private static final Pattern ID_PREFIX = Pattern.compile("(sha256:)?[a-f0-9]{1,63}");

    private final MetadataStore metadata;

    ImageLookup(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /**
     * With several images under one name (pulled for Linux and for Windows pods), the
     * platform's os picks; without a platform the host's default os is preferred.
     */
    Optional<ImageRecord> find(String referenceOrId, PlatformRequest platform) {
        if (referenceOrId == null || referenceOrId.isBlank()) {
            throw ImageException.invalid("image reference or id is empty");
        }
        String s = referenceOrId.trim();
        if (FULL_ID.matcher(s).matches()) {
            return metadata.image(s.startsWith("sha256:") ? s : "sha256:" + s);
        }
        if (ImageReference.isValid(s)) {
            Optional<ImageRecord> named = byName(ImageReference.parse(s).toString(), platform);
            if (named.isPresent()) {
                return named;
            }
        }
        if (ID_PREFIX.matcher(s).matches()) {
            return byPrefix(s.startsWith("sha256:") ? s : "sha256:" + s);
        }
        if (!ImageReference.isValid(s)) {
            ImageReference.parse(s); // throws INVALID_ARGUMENT with the reason
        }
        return Optional.empty();
    }

    private Optional<ImageRecord> byName(String ref, PlatformRequest platform) {
        Map<String, String> byOs = new TreeMap<>(metadata.namedBy(ref));
        if (byOs.isEmpty()) {
            return Optional.empty();
        }
        String os = (platform != null ? platform : PlatformRequest.hostDefault()).os();
        String id = byOs.get(os);
        if (id == null && platform == null) {
            id = byOs.values().iterator().next();
        }
        return id == null ? Optional.empty() : metadata.image(id);
    }

    private Optional<ImageRecord> byPrefix(String prefix) {
        List<ImageRecord> matches = metadata.images().stream().filter(i -> i.id().startsWith(prefix)).toList();
        if (matches.size() > 1) {
            throw ImageException.invalid("image id prefix '" + prefix + "' is ambiguous (" + matches.size() + " images)");
        }
        return matches.stream().findFirst();
    }
}
