package dev.janus.networking.hns.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one HNS network every pod of this node joins, as {@code hns-network.json} describes it.
 * Fields left out take the defaults: a NAT network {@code janus-nat} on 172.30.0.0/16.
 *
 * @param name the HNS network's name; Janus finds the network by it and creates it if missing
 * @param type NAT (default), L2Bridge or Overlay
 * @param subnets at most one IPv4 and one IPv6 subnet, each with its gateway
 * @param adapterName the host NIC an L2Bridge or Overlay network binds to (NetAdapterName policy);
 *     null lets HNS choose
 * @param vsid the VXLAN id (VSID) of an Overlay network's subnets; required for Overlay
 * @param vxlanPort the UDP port of VXLAN on an Overlay network; null keeps HNS's 4789
 * @param clusterCidrs pod CIDRs of the whole cluster: traffic there is not NATed (L2Bridge, Overlay)
 * @param serviceCidrs service CIDRs: not NATed either, and routed through the host on L2Bridge
 */
public record HnsNetworkConfig(String name, NetworkType type, List<SubnetConfig> subnets,
        String adapterName, Integer vsid, Integer vxlanPort, List<String> clusterCidrs,
        List<String> serviceCidrs) {

    public static final String DEFAULT_NAME = "janus-nat";
    public static final SubnetConfig DEFAULT_SUBNET = new SubnetConfig("172.30.0.0/16", "172.30.0.1");

    /** HNS names show up in Get-HnsNetwork and in query filters: keep them plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_VSID = (1 << 24) - 1;

    public HnsNetworkConfig {
        name = name == null ? DEFAULT_NAME : name;
        type = type == null ? NetworkType.NAT : type;
        subnets = subnets == null || subnets.isEmpty() ? defaultSubnets(type) : List.copyOf(subnets);
        clusterCidrs = clusterCidrs == null ? List.of() : List.copyOf(clusterCidrs);
        serviceCidrs = serviceCidrs == null ? List.of() : List.copyOf(serviceCidrs);
        validate(name, type, subnets, vsid, vxlanPort);
        if (adapterName != null && type == NetworkType.NAT) {
            throw new IllegalArgumentException("adapterName binds an L2Bridge or Overlay network to a NIC;"
                    + " a NAT network has none");
        }
        clusterCidrs.forEach(Cidr::parse);
        serviceCidrs.forEach(Cidr::parse);
    }

    public static HnsNetworkConfig defaults() {
        return new HnsNetworkConfig(null, null, null, null, null, null, null, null);
    }

    public Optional<SubnetConfig> ipv4() {
        return subnets.stream().filter(s -> !s.isIpv6()).findFirst();
    }

    public Optional<SubnetConfig> ipv6() {
        return subnets.stream().filter(SubnetConfig::isIpv6).findFirst();
    }

    public boolean dualStack() {
        return ipv4().isPresent() && ipv6().isPresent();
    }

    /** Destinations reached without outbound NAT: the cluster's pods and services. */
    public List<String> outboundNatExceptions() {
        LinkedHashSet<String> all = new LinkedHashSet<>(clusterCidrs);
        all.addAll(serviceCidrs);
        return new ArrayList<>(all);
    }

    private static List<SubnetConfig> defaultSubnets(NetworkType type) {
        if (type != NetworkType.NAT) {
            throw new IllegalArgumentException("an " + type.hcnName()
                    + " network needs its subnets: the NAT default 172.30.0.0/16 would not route");
        }
        return List.of(DEFAULT_SUBNET);
    }

    private static void validate(String name, NetworkType type, List<SubnetConfig> subnets,
            Integer vsid, Integer vxlanPort) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("network name \"" + name + "\" must be 1-64 letters,"
                    + " digits, '.', '_' or '-'");
        }
        if (subnets.stream().filter(s -> !s.isIpv6()).count() > 1
                || subnets.stream().filter(SubnetConfig::isIpv6).count() > 1) {
            throw new IllegalArgumentException("at most one IPv4 and one IPv6 subnet: " + subnets);
        }
        if (type == NetworkType.OVERLAY && vsid == null) {
            throw new IllegalArgumentException("an Overlay network needs \"vsid\", its VXLAN id");
        }
        if (vsid != null && (vsid < 1 || vsid > MAX_VSID)) {
            throw new IllegalArgumentException("vsid " + vsid + " is out of 1.." + MAX_VSID);
        }
        if (vxlanPort != null && (vxlanPort < 1 || vxlanPort > 65535)) {
            throw new IllegalArgumentException("vxlanPort " + vxlanPort + " is not a UDP port");
        }
    }
}
