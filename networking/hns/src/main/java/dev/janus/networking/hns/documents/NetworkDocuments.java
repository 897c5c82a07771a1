package dev.janus.networking.hns.documents;

import dev.janus.networking.hns.config.HnsNetworkConfig;
import dev.janus.networking.hns.config.NetworkType;
import dev.janus.networking.hns.config.SubnetConfig;
import dev.janus.networking.hns.schema.HostComputeNetwork;
import dev.janus.networking.hns.schema.Ipam;
import dev.janus.networking.hns.schema.Policy;
import dev.janus.networking.hns.schema.PolicySettings;
import dev.janus.networking.hns.schema.Route;
import dev.janus.networking.hns.schema.SchemaVersion;
import dev.janus.networking.hns.schema.Subnet;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of HcnCreateNetwork for the configured network: a static IPAM with one subnet
 * per address family, whose default route names the gateway (HNS reserves it and gives it to
 * endpoints); the host NIC for L2Bridge and Overlay; the VSID on each Overlay subnet.
 */
public final class NetworkDocuments {

    static final String STATIC_IPAM = "Static";

    private NetworkDocuments() {
    }

    public static HostComputeNetwork network(HnsNetworkConfig config) {
        List<Subnet> subnets = config.subnets().stream().map(s -> subnet(config, s)).toList();
        return new HostComputeNetwork(null, config.name(), config.type().hcnName(), policies(config),
                List.of(new Ipam(STATIC_IPAM, subnets)), null, SchemaVersion.V2);
    }

    private static Subnet subnet(HnsNetworkConfig config, SubnetConfig subnet) {
        List<Policy> policies = config.type() == NetworkType.OVERLAY
                ? List.of(Policy.of(PolicySettings.VSID, new PolicySettings.Vsid(config.vsid())))
                : List.of();
        Route gateway = Route.via(subnet.gateway(), subnet.cidr().defaultRoute());
        return new Subnet(subnet.prefix(), policies, List.of(gateway), null);
    }

    private static List<Policy> policies(HnsNetworkConfig config) {
        List<Policy> policies = new ArrayList<>();
        if (config.adapterName() != null) {
            policies.add(Policy.of(PolicySettings.NET_ADAPTER_NAME,
                    new PolicySettings.NetAdapterName(config.adapterName())));
        }
        if (config.type() == NetworkType.OVERLAY && config.vxlanPort() != null) {
            policies.add(Policy.of(PolicySettings.VXLAN_PORT, new PolicySettings.VxlanPort(config.vxlanPort())));
        }
        return policies;
    }
}
