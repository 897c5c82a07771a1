package dev.janus.networking.hns.schema;

import java.util.List;

/** One subnet of an IPAM: prefix, routes (the gateway is the default route's next hop), policies (VSID). */
public record Subnet(String ipAddressPrefix, List<Policy> policies, List<Route> routes, Integer flags) {
}
