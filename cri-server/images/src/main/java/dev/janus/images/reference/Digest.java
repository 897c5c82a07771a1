package dev.janus.images.reference;

import dev.janus.images.ImageException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest. Only sha256 is accepted: it is what every registry serves and what the
 * store verifies, so a digest of another algorithm is refused up front rather than trusted.
 */
public record Digest(String hex) implements Comparable<Digest> {

    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw ImageException.invalid("not a sha256 digest: '" + hex + "'");
        }
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static Digest parse(String digest) {
        if (digest == null || !digest.startsWith("sha256:")) {
            throw ImageException.invalid("unsupported or malformed digest '" + digest + "' (only sha256:<hex> is accepted)");
        }
        return new Digest(digest.substring("sha256:".length()));
    }

    public static boolean isDigest(String s) {
        return s != null && s.startsWith("sha256:") && HEX.matcher(s.substring(7)).matches();
    }

    public static Digest of(byte[] content) {
        return fromBytes(newSha256().digest(content));
    }

    public static Digest fromBytes(byte[] sha256) {
        return new Digest(HexFormat.of().formatHex(sha256));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }
}
