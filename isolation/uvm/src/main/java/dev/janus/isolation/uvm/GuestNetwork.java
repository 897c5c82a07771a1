package dev.janus.isolation.uvm;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.guest.protocol.ops.ConfigureNetwork;
import dev.janus.networking.PodInterface;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's network from the pod's: the interface the pod network attached (same MAC, name and
 * addresses: the host side only bridges frames), its routes, the sandbox config's DNS and
 * hostname. Pure.
 */
final class GuestNetwork {

    private GuestNetwork() {
    }

    static ConfigureNetwork.Request of(PodSandboxConfig config, PodInterface pod) {
        ConfigureNetwork.Interface iface = new ConfigureNetwork.Interface(pod.mac(), pod.name(), pod.addresses(), 0);
        DNSConfig dns = config.getDnsConfig();
        return new ConfigureNetwork.Request(List.of(iface), routes(pod),
                new ConfigureNetwork.Dns(dns.getServersList(), dns.getSearchesList(), dns.getOptionsList()),
                config.getHostname());
    }

    /**
     * The pod network's routes ({@code 0.0.0.0/0 via 10.88.0.1}, or a destination alone for an
     * on-link route); without any, a default route through each gateway.
     */
    static List<ConfigureNetwork.Route> routes(PodInterface pod) {
        List<ConfigureNetwork.Route> routes = new ArrayList<>();
        for (String route : pod.routes()) {
            String[] parts = route.strip().split("\\s+via\\s+");
            routes.add(new ConfigureNetwork.Route(parts[0], parts.length > 1 ? parts[1] : "", pod.name(), 0));
        }
        if (routes.isEmpty()) {
            for (String gateway : pod.gateways()) {
                routes.add(new ConfigureNetwork.Route(gateway.contains(":") ? "::/0" : "0.0.0.0/0", gateway,
                        pod.name(), 0));
            }
        }
        return routes;
    }

    /** The interface the VM's NIC stands in for: the first one with a MAC. */
    static PodInterface podInterface(List<PodInterface> interfaces) {
        return interfaces.stream().filter(i -> i.mac() != null && !i.mac().isBlank()).findFirst().orElse(null);
    }
}
