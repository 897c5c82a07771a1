package dev.janus.networking.hns;

import dev.janus.networking.PodInterface;
import dev.janus.networking.PodNetworkStatus;
import dev.janus.networking.hns.config.Cidr;
import dev.janus.networking.hns.config.HnsNetworkConfig;
import dev.janus.networking.hns.config.SubnetConfig;
import dev.janus.networking.hns.schema.HcnResponses;
import dev.janus.networking.hns.schema.HostComputeEndpoint;
import dev.janus.networking.hns.schema.IpConfig;
import dev.janus.networking.hns.schema.Route;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What attach reports, read from the endpoint HNS made. A VM handler gives a utility VM the same
 * interface from it, so the one {@link PodInterface} carries:
 *
 * <pre>
 *   name       the HCN endpoint id: the EndpointId of the VM's NetworkAdapter
 *   mac        the endpoint's MAC as on Linux, aa:bb:cc:dd:ee:ff (HNS writes AA-BB-CC-DD-EE-FF)
 *   addresses  IPv4 first, with prefix length (from HNS, else from the configured subnet)
 *   gateways   next hops of the endpoint's routes, else the configured gateways
 *   routes     "0.0.0.0/0 via 172.30.0.1" as on Linux
 * </pre>
 *
 * DNS is not in the seam's record; a handler has it from the pod's DNSConfig, which is what the
 * endpoint was given.
 */
final class PodStatuses {

    private PodStatuses() {
    }

    static PodNetworkStatus of(HostComputeEndpoint endpoint, HnsNetworkConfig network) {
        List<String> addresses = addresses(endpoint, network);
        List<String> ips = addresses.stream().map(a -> a.substring(0, a.indexOf('/'))).toList();
        List<Route> routes = routes(endpoint, network, ips);
        List<String> gateways = new ArrayList<>(new LinkedHashSet<>(
                routes.stream().map(Route::nextHop).filter(h -> h != null && !h.isEmpty()).toList()));
        PodInterface pod = new PodInterface(HcnResponses.guid(endpoint.id()).toString(),
                mac(endpoint.macAddress()), addresses, gateways,
                routes.stream().map(PodStatuses::describe).toList());
        return new PodNetworkStatus(ips, List.of(pod));
    }

    private static List<String> addresses(HostComputeEndpoint endpoint, HnsNetworkConfig network) {
        List<IpConfig> configs = endpoint.ipConfigurations() == null ? List.of() : endpoint.ipConfigurations();
        return configs.stream()
                .filter(c -> c.ipAddress() != null && !c.ipAddress().isEmpty())
                .sorted(Comparator.comparing(c -> c.ipAddress().contains(":")))
                .map(c -> c.ipAddress() + "/" + prefixLength(c, network))
                .toList();
    }

    private static int prefixLength(IpConfig config, HnsNetworkConfig network) {
        if (config.prefixLength() != null && config.prefixLength() > 0) {
            return config.prefixLength();
        }
        InetAddress address = Cidr.literal(config.ipAddress());
        return subnetOf(address, network).map(s -> s.cidr().prefixLength())
                .orElse(address.getAddress().length * 8);
    }

    /** The endpoint's routes, IPv4 first; when HNS reports none, the default route of each family the pod has. */
    private static List<Route> routes(HostComputeEndpoint endpoint, HnsNetworkConfig network, List<String> ips) {
        if (endpoint.routes() != null && !endpoint.routes().isEmpty()) {
            return endpoint.routes().stream().sorted(Comparator.comparing(PodStatuses::isIpv6)).toList();
        }
        List<Route> routes = new ArrayList<>();
        for (String ip : ips) {
            subnetOf(Cidr.literal(ip), network)
                    .ifPresent(s -> routes.add(Route.via(s.gateway(), s.cidr().defaultRoute())));
        }
        return routes;
    }

    private static Optional<SubnetConfig> subnetOf(InetAddress address, HnsNetworkConfig network) {
        return network.subnets().stream().filter(s -> s.cidr().contains(address)).findFirst();
    }

    private static boolean isIpv6(Route route) {
        String hop = route.nextHop() == null ? "" : route.nextHop();
        String destination = route.destinationPrefix() == null ? "" : route.destinationPrefix();
        return hop.contains(":") || destination.contains(":");
    }

    private static String describe(Route route) {
        String destination = route.destinationPrefix() == null || route.destinationPrefix().isEmpty()
                ? (route.nextHop() != null && route.nextHop().contains(":") ? "::/0" : "0.0.0.0/0")
                : route.destinationPrefix();
        return route.nextHop() == null || route.nextHop().isEmpty()
                ? destination : destination + " via " + route.nextHop();
    }

    private static String mac(String hnsMac) {
        return hnsMac == null ? "" : hnsMac.replace('-', ':').toLowerCase(Locale.ROOT);
    }
}
