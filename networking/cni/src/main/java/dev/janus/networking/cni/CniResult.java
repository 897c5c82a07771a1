package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.networking.PodInterface;
import dev.janus.networking.PodNetworkStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A plugin's result, read from the 0.3.0+ form ({@code interfaces}, {@code ips} with an
 * interface index, {@code routes}, {@code dns}) or from the 0.1/0.2 form ({@code ip4},
 * {@code ip6}), which has no interfaces; and what the seam reports of it.
 */
record CniResult(String cniVersion, List<Interface> interfaces, List<IpConfig> ips,
        List<Route> routes, List<String> nameservers) {

    /** @param sandbox the netns path for an interface inside the pod, "" for host-side ones */
    record Interface(String name, String mac, String sandbox) {
        boolean inPod() {
            return !sandbox.isEmpty();
        }
    }

    /** @param address CIDR form; @param interfaceIndex index into interfaces, -1 when absent */
    record IpConfig(String address, String gateway, int interfaceIndex) {
        boolean isV6() {
            return address.indexOf(':') >= 0;
        }

        String ip() {
            int slash = address.indexOf('/');
            return slash < 0 ? address : address.substring(0, slash);
        }
    }

    /** @param gateway "" when the route uses the interface's default gateway */
    record Route(String dst, String gateway) {
    }

    CniResult {
        interfaces = List.copyOf(interfaces);
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
        nameservers = List.copyOf(nameservers);
    }

    static CniResult parse(JsonNode result) {
        List<Interface> interfaces = new ArrayList<>();
        result.path("interfaces").forEach(i -> interfaces.add(new Interface(
                Json.text(i, "name"), Json.text(i, "mac"), Json.text(i, "sandbox"))));
        List<IpConfig> ips = new ArrayList<>();
        result.path("ips").forEach(ip -> ips.add(new IpConfig(Json.text(ip, "address"),
                Json.text(ip, "gateway"), ip.has("interface") ? ip.get("interface").asInt() : -1)));
        List<Route> routes = new ArrayList<>();
        result.path("routes").forEach(r -> routes.add(route(r)));
        for (String legacy : List.of("ip4", "ip6")) {
            JsonNode block = result.get(legacy);
            if (block != null && block.isObject()) {
                ips.add(new IpConfig(Json.text(block, "ip"), Json.text(block, "gateway"), -1));
                block.path("routes").forEach(r -> routes.add(route(r)));
            }
        }
        return new CniResult(Json.text(result, "cniVersion"), interfaces, ips, routes,
                Json.texts(result.path("dns"), "nameservers"));
    }

    /**
     * The pod's IPs (IPv4 first: PodSandboxStatus wants the primary first) and each pod-side
     * interface with its MAC, addresses, gateways and routes, which a VM handler copies onto a
     * tap device. Host-side interfaces (bridge, veth peer) are left out.
     */
    PodNetworkStatus toStatus(String ifName) {
        List<PodInterface> pod = new ArrayList<>();
        for (int i = 0; i < interfaces.size(); i++) {
            if (interfaces.get(i).inPod()) {
                int index = i;
                pod.add(podInterface(interfaces.get(i).name(), interfaces.get(i).mac(),
                        ips.stream().filter(ip -> ip.interfaceIndex() == index
                                || ip.interfaceIndex() < 0).toList()));
            }
        }
        if (pod.isEmpty() && !ips.isEmpty()) {
            // 0.2-style results, or plugins that leave out interfaces: one interface, no MAC
            pod.add(podInterface(ifName, "", ips));
        }
        List<String> addresses = pod.stream()
                .flatMap(i -> i.addresses().stream())
                .map(a -> new IpConfig(a, "", -1).ip())
                .distinct()
                .sorted(Comparator.comparing(a -> a.indexOf(':') >= 0))
                .toList();
        return new PodNetworkStatus(addresses, pod);
    }

    private PodInterface podInterface(String name, String mac, List<IpConfig> own) {
        Set<String> gateways = new LinkedHashSet<>();
        own.stream().map(IpConfig::gateway).filter(g -> !g.isEmpty()).forEach(gateways::add);
        return new PodInterface(name, mac, own.stream().map(IpConfig::address).toList(),
                List.copyOf(gateways), routes.stream().map(r -> describe(r, own)).toList());
    }

    /** A route without "gw" goes through the gateway of its own address family. */
    private static String describe(Route route, List<IpConfig> own) {
        boolean v6 = route.dst().indexOf(':') >= 0;
        String gateway = route.gateway().isEmpty()
                ? own.stream().filter(ip -> ip.isV6() == v6 && !ip.gateway().isEmpty())
                        .map(IpConfig::gateway).findFirst().orElse("")
                : route.gateway();
        return gateway.isEmpty() ? route.dst() : route.dst() + " via " + gateway;
    }

    private static Route route(JsonNode r) {
        return new Route(Json.text(r, "dst"), Json.text(r, "gw"));
    }
}
