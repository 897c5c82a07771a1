package dev.janus.networking.hns.config;

import java.net.InetAddress;

/**
 * One subnet of the pod network and the gateway pods route through. HNS hands out pod addresses
 * from the prefix and reserves the gateway.
 *
 * @param prefix e.g. {@code 172.30.0.0/16}
 * @param gateway e.g. {@code 172.30.0.1}; must lie inside the prefix
 */
public record SubnetConfig(String prefix, String gateway) {

    public SubnetConfig {
        Cidr cidr = Cidr.parse(prefix);
        InetAddress gw = Cidr.literal(gateway);
        if (!cidr.contains(gw)) {
            throw new IllegalArgumentException("gateway " + gateway + " is outside subnet " + prefix);
        }
    }

    public Cidr cidr() {
        return Cidr.parse(prefix);
    }

    public boolean isIpv6() {
        return cidr().isIpv6();
    }
}
