package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * CONFIGURE_NETWORK (7): sets up the pod's interfaces, routes, DNS and hostname. Idempotent:
 * addresses and routes are replaced, not added twice.
 *
 * @param hostname empty: left as is
 */
public interface ConfigureNetwork {

    record Request(List<Interface> interfaces, List<Route> routes, Dns dns, String hostname) {
    }

    /** @param names the guest's name of each interface, in request order */
    record Reply(List<String> names) {
    }

    /**
     * @param mac how the guest finds the NIC ("02:42:ac:11:00:02")
     * @param name renamed to this when set (e.g. "eth0")
     * @param addresses CIDR, IPv4 or IPv6 ("10.88.0.5/16", "fd00::5/64")
     * @param mtu 0: left as is
     */
    record Interface(String mac, String name, List<String> addresses, int mtu) {
    }

    /**
     * @param destination CIDR; "default" or "0.0.0.0/0" / "::/0" for the default route
     * @param gateway empty for an on-link route
     * @param device the interface's guest name; empty: the first interface
     */
    record Route(String destination, String gateway, String device, int metric) {
    }

    /** Written to /etc/resolv.conf when {@code servers} is not empty. */
    record Dns(List<String> servers, List<String> searches, List<String> options) {
    }
}
