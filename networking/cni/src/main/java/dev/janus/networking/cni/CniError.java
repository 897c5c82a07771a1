package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.cri.errors.CriException.Kind;

/**
 * A plugin's error result ({@code {"code": 7, "msg": "...", "details": "..."}}) and the CRI
 * error kind it becomes. Codes 1-99 are the spec's; the rest are the plugin's own.
 */
record CniError(int code, String msg, String details) {

    static CniError parse(JsonNode node) {
        if (node == null || !node.isObject() || !node.has("code")) {
            return null;
        }
        return new CniError(node.path("code").asInt(), Json.text(node, "msg"),
                Json.text(node, "details"));
    }

    /** Config and version problems are the node's to fix, not the caller's: a precondition. */
    Kind kind() {
        return switch (code) {
            case 1, 2, 7 -> Kind.FAILED_PRECONDITION;
            case 3 -> Kind.NOT_FOUND;
            case 11 -> Kind.UNAVAILABLE;
            default -> Kind.INTERNAL;
        };
    }

    String describe() {
        String text = msg.isEmpty() ? meaning() : msg;
        return text + (details.isEmpty() ? "" : " (" + details + ")") + " [CNI error " + code
                + "]";
    }

    private String meaning() {
        return switch (code) {
            case 1 -> "incompatible CNI version";
            case 2 -> "unsupported field in network configuration";
            case 3 -> "container unknown or does not exist";
            case 4 -> "invalid necessary environment variables";
            case 5 -> "I/O failure";
            case 6 -> "failed to decode content";
            case 7 -> "invalid network config";
            case 11 -> "try again later";
            default -> "plugin-specific error";
        };
    }
}
