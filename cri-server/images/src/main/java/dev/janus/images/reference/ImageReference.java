package dev.janus.images.reference;

import dev.janus.images.ImageException;
import java.util.regex.Pattern;

/**
 * An image reference normalised as kubelet and containerd expect: {@code busybox} is
 * {@code docker.io/library/busybox:latest}. With a digest the tag is dropped, as containerd does.
 *
 * @param domain registry host as written in references ({@code docker.io}, {@code host:port})
 * @param path   repository path inside the registry ({@code library/busybox})
 * @param tag    the tag, or null when the reference has a digest
 * @param digest the digest, or null
 */
public record ImageReference(String domain, String path, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?"
            + "|\\[[a-fA-F0-9:]+\\](?::[0-9]+)?");
    private static final Pattern ID = Pattern.compile("(sha256:)?[a-f0-9]{64}");

    /** Parses and normalises; throws INVALID_ARGUMENT with the reason when the reference is malformed. */
    public static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw ImageException.invalid("image reference is empty");
        }
        String ref = reference.trim();
        if (ID.matcher(ref).matches()) {
            throw ImageException.invalid("'" + ref + "' is an image id, not a reference to pull");
        }
        Digest digest = null;
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(ref.substring(at + 1));
            ref = ref.substring(0, at);
        }
        String tag = null;
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            tag = ref.substring(colon + 1);
            ref = ref.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw ImageException.invalid("invalid tag '" + tag + "' in '" + reference + "'");
            }
        }
        String[] split = splitDomain(ref);
        String domain = split[0];
        String path = split[1];
        validatePath(path, reference);
        if (digest != null) {
            tag = null;
        } else if (tag == null) {
            tag = "latest";
        }
        return new ImageReference(domain, path, tag, digest);
    }

    /** True if {@code s} parses; for lookups that accept both references and ids. */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (ImageException e) {
            return false;
        }
    }

    /** {@code docker.io/library/busybox} */
    public String name() {
        return domain + "/" + path;
    }

    /** {@code name:tag}, or null for a digest reference. */
    public String repoTag() {
        return tag == null ? null : name() + ":" + tag;
    }

    public String repoDigest(Digest resolved) {
        return name() + "@" + resolved;
    }

    /** What the registry API calls the reference: the tag or the digest. */
    public String tagOrDigest() {
        return digest != null ? digest.toString() : tag;
    }

    @Override
    public String toString() {
        return digest != null ? name() + "@" + digest : name() + ":" + tag;
    }

    private static String[] splitDomain(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasDomain = slash >= 0
                && (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase()));
        String domain = hasDomain ? first : DOCKER_HUB;
        String path = hasDomain ? name.substring(slash + 1) : name;
        if (hasDomain && !DOMAIN.matcher(domain).matches()) {
            throw ImageException.invalid("invalid registry host '" + domain + "'");
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        return new String[] {domain, path};
    }

    private static void validatePath(String path, String reference) {
        if (path.isEmpty() || (path.length() + 1) > 255) {
            throw ImageException.invalid("invalid repository name in '" + reference + "'");
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw ImageException.invalid("invalid repository name '" + path + "' in '" + reference
                        + "' (lowercase letters, digits and separators only)");
            }
        }
    }
}
