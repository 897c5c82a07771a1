package dev.janus.networking;

import java.util.List;

/**
 * One interface of the pod as the plugins configured it.
 *
 * @param addresses CIDR forms, e.g. {@code 10.88.0.5/16}
 * @param routes destination CIDR and gateway pairs, e.g. {@code 0.0.0.0/0 via 10.88.0.1}
 */
public record PodInterface(String name, String mac, List<String> addresses, List<String> gateways,
        List<String> routes) {

    public PodInterface {
        addresses = List.copyOf(addresses);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }
}
