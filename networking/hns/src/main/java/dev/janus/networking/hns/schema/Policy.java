package dev.janus.networking.hns.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A network, subnet or endpoint policy: {@code {"Type": ..., "Settings": {...}}}. The settings
 * are kept as a JSON tree because their shape depends on the type; the typed setting records
 * of this package build them.
 */
public record Policy(String type, JsonNode settings) {

    public static Policy of(String type, Object settings) {
        return new Policy(type, HcnJson.tree(settings));
    }
}
