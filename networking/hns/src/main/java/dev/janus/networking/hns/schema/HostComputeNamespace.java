package dev.janus.networking.hns.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code HostComputeNamespace}, a network compartment. {@code NamespaceId} is the compartment
 * number HNS assigns; {@code Type} is Host, HostDefault, Guest or GuestDefault.
 */
public record HostComputeNamespace(@JsonProperty("ID") String id, Long namespaceId, String type,
        List<NamespaceResource> resources, SchemaVersion schemaVersion) {

    public static final String HOST = "Host";

    /** Ids of the endpoints in this namespace, as HNS spells them. */
    public List<String> endpointIds() {
        return resources == null ? List.of() : resources.stream()
                .filter(r -> NamespaceResource.ENDPOINT.equalsIgnoreCase(r.type()))
                .map(NamespaceResource::dataId)
                .filter(id -> !id.isEmpty())
                .toList();
    }
}
