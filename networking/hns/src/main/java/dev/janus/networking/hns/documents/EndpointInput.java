package dev.janus.networking.hns.documents;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PortMapping;
import dev.janus.networking.hns.config.HnsNetworkConfig;
import java.util.List;

/**
 * What a pod's endpoint is made of.
 *
 * @param name the endpoint's HNS name ({@code janus-<sandbox id>})
 * @param networkId the id of the HNS network it joins
 * @param network the configured network: its type decides the policies
 * @param portMappings the pod's CRI port mappings
 * @param dns the pod's CRI DNS config; null for none
 */
public record EndpointInput(String name, String networkId, HnsNetworkConfig network,
        List<PortMapping> portMappings, DNSConfig dns) {

    public EndpointInput {
        portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
    }
}
