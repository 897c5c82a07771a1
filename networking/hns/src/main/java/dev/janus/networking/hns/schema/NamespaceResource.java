package dev.janus.networking.hns.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** What a namespace holds: {@code {"Type": "Endpoint"|"Container", "Data": {"ID": ...}}}. */
public record NamespaceResource(String type, JsonNode data) {

    public static final String ENDPOINT = "Endpoint";

    public String dataId() {
        return data == null ? "" : data.path("ID").asText("");
    }
}
