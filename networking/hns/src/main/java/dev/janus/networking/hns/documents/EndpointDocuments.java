package dev.janus.networking.hns.documents;

import dev.janus.cri.api.DNSConfig;
import dev.janus.networking.hns.config.HnsNetworkConfig;
import dev.janus.networking.hns.config.NetworkType;
import dev.janus.networking.hns.schema.Dns;
import dev.janus.networking.hns.schema.HostComputeEndpoint;
import dev.janus.networking.hns.schema.Policy;
import dev.janus.networking.hns.schema.SchemaVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of HcnCreateEndpoint for one pod. Addresses are left to HNS, which hands them out
 * from the network's static IPAM together with the gateway route; the namespace is not named
 * here because HNS rejects a create that sets it (the endpoint joins with HcnModifyNamespace).
 *
 * <pre>
 *   NAT       PortMapping*                       (WinNAT already NATs outgoing traffic)
 *   L2Bridge  PortMapping*, OutBoundNAT, SDNRoute per service CIDR
 *   Overlay   PortMapping*, OutBoundNAT
 * </pre>
 */
public final class EndpointDocuments {

    private EndpointDocuments() {
    }

    public static HostComputeEndpoint endpoint(EndpointInput input) {
        return new HostComputeEndpoint(null, input.name(), input.networkId(), null,
                policies(input), null, dns(input.dns()), null, null, null, SchemaVersion.V2);
    }

    static List<Policy> policies(EndpointInput input) {
        HnsNetworkConfig network = input.network();
        List<Policy> policies = new ArrayList<>(
                PolicyDocuments.portMappings(input.portMappings(), network.dualStack()));
        if (network.type() != NetworkType.NAT) {
            policies.addAll(PolicyDocuments.outboundNat(network.outboundNatExceptions(),
                    network.ipv4().isPresent(), network.ipv6().isPresent()));
        }
        if (network.type() == NetworkType.L2BRIDGE) {
            policies.addAll(PolicyDocuments.serviceRoutes(network.serviceCidrs()));
        }
        return policies;
    }

    /** Servers and search suffixes from the pod's DNSConfig; none at all leaves HNS's default. */
    static Dns dns(DNSConfig config) {
        if (config == null || (config.getServersCount() == 0 && config.getSearchesCount() == 0
                && config.getOptionsCount() == 0)) {
            return null;
        }
        return new Dns(null, List.copyOf(config.getSearchesList()), List.copyOf(config.getServersList()),
                List.copyOf(config.getOptionsList()));
    }
}
