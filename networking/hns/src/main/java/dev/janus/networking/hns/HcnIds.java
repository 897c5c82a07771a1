package dev.janus.networking.hns;

import dev.janus.cri.errors.CriException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The GUIDs Janus gives a pod's HCN namespace and endpoint, derived from the sandbox id. HCN
 * namespaces have no name to tag them with, and a janusd that died knows only sandbox ids, so
 * the id itself carries both facts: whose it is and which sandbox it serves.
 *
 * <pre>
 *   6a616e75-000K-8hhh-Vhhh-hhhhhhhhhhhh
 *   "janu"    kind  |   hash of "janus/K/&lt;sandbox id&gt;" (SHA-256), with the RFC 9562
 *                   version 8 ("vendor-specific") and variant bits set
 * </pre>
 *
 * Any object with the marker is Janus's; one whose id is not derived from a live sandbox is a
 * leftover. Endpoints are also named {@code janus-<sandbox id>} for people reading Get-HnsEndpoint.
 */
public final class HcnIds {

    public static final String ENDPOINT_NAME_PREFIX = "janus-";

    private static final long MARKER = 0x6a616e75L;
    private static final int NAMESPACE = 1;
    private static final int ENDPOINT = 2;
    /** Ids name HNS objects and log lines: no separators, no whitespace, not unbounded. */
    private static final Pattern SANDBOX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private HcnIds() {
    }

    public static UUID namespaceFor(String sandboxId) {
        return derive(NAMESPACE, sandboxId);
    }

    public static UUID endpointFor(String sandboxId) {
        return derive(ENDPOINT, sandboxId);
    }

    public static String endpointName(String sandboxId) {
        return ENDPOINT_NAME_PREFIX + sandboxId;
    }

    public static boolean isJanusNamespace(UUID id) {
        return hasMarker(id, NAMESPACE);
    }

    public static boolean isJanusEndpoint(UUID id) {
        return hasMarker(id, ENDPOINT);
    }

    public static String requireValidSandboxId(String sandboxId) {
        if (sandboxId == null || !SANDBOX_ID.matcher(sandboxId).matches()) {
            throw CriException.invalid("\"%s\" is not a sandbox id an HCN endpoint can be named after", sandboxId);
        }
        return sandboxId;
    }

    private static UUID derive(int kind, String sandboxId) {
        requireValidSandboxId(sandboxId);
        ByteBuffer hash = ByteBuffer.wrap(sha256("janus/" + kind + "/" + sandboxId));
        long msb = MARKER << 32 | (long) kind << 16 | 0x8000L | (hash.getShort() & 0x0fffL);
        long lsb = hash.getLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static boolean hasMarker(UUID id, int kind) {
        long msb = id.getMostSignificantBits();
        return msb >>> 32 == MARKER && (msb >>> 16 & 0xffff) == kind && id.version() == 8;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
