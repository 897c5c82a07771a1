package dev.janus.networking.hns.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code HostComputeEndpoint}: the settings of HcnCreateEndpoint and the answer of
 * HcnQueryEndpointProperties. {@code HostComputeNamespace} is read-only: HNS fills it in when the
 * endpoint joins a namespace, and a create that sets it fails.
 */
public record HostComputeEndpoint(@JsonProperty("ID") String id, String name, String hostComputeNetwork,
        String hostComputeNamespace, List<Policy> policies, List<IpConfig> ipConfigurations, Dns dns,
        List<Route> routes, String macAddress, Integer flags, SchemaVersion schemaVersion) {
}
