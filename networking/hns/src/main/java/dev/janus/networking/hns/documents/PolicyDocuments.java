package dev.janus.networking.hns.documents;

import dev.janus.cri.api.PortMapping;
import dev.janus.cri.api.Protocol;
import dev.janus.cri.errors.CriException;
import dev.janus.networking.hns.config.Cidr;
import dev.janus.networking.hns.schema.Policy;
import dev.janus.networking.hns.schema.PolicySettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Endpoint policies: the pod's port mappings, outbound NAT and its exceptions, service routes. */
public final class PolicyDocuments {

    private static final int TCP = 6;
    private static final int UDP = 17;

    private PolicyDocuments() {
    }

    /**
     * One PortMapping per CRI mapping with a host port (without one there is nothing to forward);
     * on a dual-stack network a mapping bound to no address gets a second, IPv6 policy, because
     * HNS maps one address family per policy.
     */
    public static List<Policy> portMappings(List<PortMapping> mappings, boolean dualStack) {
        Set<PolicySettings.PortMapping> settings = new LinkedHashSet<>();
        for (PortMapping mapping : mappings) {
            if (mapping.getHostPort() == 0) {
                continue;
            }
            int protocol = protocol(mapping);
            int internal = port(mapping.getContainerPort(), "container", mapping);
            int external = port(mapping.getHostPort(), "host", mapping);
            String vip = vip(mapping.getHostIp());
            boolean ipv6Only = isIpv6(mapping.getHostIp());
            if (!ipv6Only) {
                settings.add(new PolicySettings.PortMapping(protocol, internal, external, vip, null));
            }
            if (ipv6Only || (dualStack && vip == null)) {
                settings.add(new PolicySettings.PortMapping(protocol, internal, external, vip,
                        PolicySettings.NAT_FLAGS_IPV6));
            }
        }
        return settings.stream().map(s -> Policy.of(PolicySettings.PORT_MAPPING, s)).toList();
    }

    /**
     * Outbound NAT behind the host's address except towards the cluster's pods and services;
     * IPv6 exceptions go into a second policy flagged IPv6, one family per policy as for ports.
     */
    public static List<Policy> outboundNat(List<String> exceptions, boolean ipv4, boolean ipv6) {
        List<Policy> policies = new ArrayList<>();
        if (ipv4) {
            policies.add(Policy.of(PolicySettings.OUTBOUND_NAT,
                    new PolicySettings.OutboundNat(null, family(exceptions, false), null, null)));
        }
        if (ipv6) {
            policies.add(Policy.of(PolicySettings.OUTBOUND_NAT, new PolicySettings.OutboundNat(null,
                    family(exceptions, true), null, PolicySettings.NAT_FLAGS_IPV6)));
        }
        return policies;
    }

    /** Service traffic through the host's vSwitch port, where kube-proxy's load balancers sit. */
    public static List<Policy> serviceRoutes(List<String> serviceCidrs) {
        return serviceCidrs.stream()
                .map(cidr -> Policy.of(PolicySettings.SDN_ROUTE, new PolicySettings.SdnRoute(cidr, null, true)))
                .toList();
    }

    private static List<String> family(List<String> cidrs, boolean ipv6) {
        return cidrs.stream().filter(c -> Cidr.parse(c).isIpv6() == ipv6).toList();
    }

    private static int protocol(PortMapping mapping) {
        if (mapping.getProtocol() == Protocol.TCP) {
            return TCP;
        }
        if (mapping.getProtocol() == Protocol.UDP) {
            return UDP;
        }
        throw CriException.invalid("port mapping %d:%d asks for %s: HNS maps TCP and UDP ports only",
                mapping.getHostPort(), mapping.getContainerPort(), mapping.getProtocol());
    }

    private static int port(int port, String which, PortMapping mapping) {
        if (port < 1 || port > 65535) {
            throw CriException.invalid("port mapping %d:%d has %s port %d, outside 1..65535",
                    mapping.getHostPort(), mapping.getContainerPort(), which, port);
        }
        return port;
    }

    /** A specific host address; "", 0.0.0.0 and :: mean every address, i.e. no VIP. */
    private static String vip(String hostIp) {
        if (hostIp == null || hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::")) {
            return null;
        }
        try {
            Cidr.literal(hostIp);
            return hostIp;
        } catch (IllegalArgumentException e) {
            throw CriException.invalid("port mapping host IP \"%s\" is not an IP address", hostIp);
        }
    }

    private static boolean isIpv6(String hostIp) {
        return hostIp != null && hostIp.contains(":");
    }
}
