package dev.janus.networking.hns.schema;

import java.util.List;

/** Address management of a network: {@code Type} "Static" (HNS hands out addresses) or "DHCP". */
public record Ipam(String type, List<Subnet> subnets) {
}
