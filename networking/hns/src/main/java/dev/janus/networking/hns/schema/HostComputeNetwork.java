package dev.janus.networking.hns.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code HostComputeNetwork}: the settings of HcnCreateNetwork and the answer of
 * HcnQueryNetworkProperties (only the fields Janus sends or reads; the rest are ignored).
 */
public record HostComputeNetwork(@JsonProperty("ID") String id, String name, String type,
        List<Policy> policies, List<Ipam> ipams, Integer flags, SchemaVersion schemaVersion) {

    /** HNS leaves {@code Type} out for NAT (its enum value 0): an absent type is NAT. */
    public static final String NAT = "NAT";

    public HostComputeNetwork withDefaultType() {
        return type == null || type.isEmpty()
                ? new HostComputeNetwork(id, name, NAT, policies, ipams, flags, schemaVersion) : this;
    }
}
