package dev.janus.networking.hns.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Decoders for what computenetwork.dll answers: properties, id lists, error records. */
public final class HcnResponses {

    private HcnResponses() {
    }

    public static HostComputeNetwork network(String json) {
        return HcnJson.read(json, HostComputeNetwork.class).withDefaultType();
    }

    public static HostComputeEndpoint endpoint(String json) {
        return HcnJson.read(json, HostComputeEndpoint.class);
    }

    public static HostComputeNamespace namespace(String json) {
        return HcnJson.read(json, HostComputeNamespace.class);
    }

    /** HcnEnumerate* answers a JSON array of GUID strings (an empty answer means none). */
    public static List<UUID> ids(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode array = HcnJson.readTree(json);
        if (array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("HNS answered an enumeration with " + array.getNodeType()
                    + " instead of an array of ids");
        }
        List<UUID> ids = new ArrayList<>();
        array.forEach(id -> ids.add(guid(id.asText())));
        return ids;
    }

    /** GUIDs as HNS writes them: either case, with or without braces. */
    public static UUID guid(String text) {
        String bare = text.strip();
        if (bare.startsWith("{") && bare.endsWith("}")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (bare.length() != 36) {
            throw new IllegalArgumentException("\"" + text + "\" is not a GUID");
        }
        return UUID.fromString(bare);
    }

    /**
     * The error record, when the text is one; some failures come back as plain text or nothing,
     * and the caller then falls back on the HRESULT alone.
     */
    public static Optional<HcnErrorRecord> errorRecord(String text) {
        if (text == null || text.isBlank() || !text.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(HcnJson.read(text, HcnErrorRecord.class));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
