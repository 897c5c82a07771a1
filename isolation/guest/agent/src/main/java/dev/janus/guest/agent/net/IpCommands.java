package dev.janus.guest.agent.net;

import dev.janus.guest.protocol.ops.ConfigureNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ip} command lines (busybox ip's syntax) that configure one interface and the
 * routes: a pure function of the request, so it is tested without touching a network.
 */
final class IpCommands {

    private IpCommands() {
    }

    static boolean isIpv6(String address) {
        return address.contains(":");
    }

    /** Renaming needs the link down; then MTU, addresses, up. */
    static List<List<String>> forInterface(String current, ConfigureNetwork.Interface wanted) {
        List<List<String>> commands = new ArrayList<>();
        String name = current;
        if (!wanted.name().isEmpty() && !wanted.name().equals(current)) {
            commands.add(List.of("link", "set", "dev", current, "down"));
            commands.add(List.of("link", "set", "dev", current, "name", wanted.name()));
            name = wanted.name();
        }
        if (wanted.mtu() > 0) {
            commands.add(List.of("link", "set", "dev", name, "mtu", Integer.toString(wanted.mtu())));
        }
        for (String address : wanted.addresses()) {
            List<String> add = new ArrayList<>();
            if (isIpv6(address)) {
                add.add("-6");
            }
            add.addAll(List.of("addr", "add", address, "dev", name));
            commands.add(add);
        }
        commands.add(List.of("link", "set", "dev", name, "up"));
        return commands;
    }

    static List<String> forRoute(ConfigureNetwork.Route route, String device) {
        String destination = route.destination().isEmpty() ? "default" : route.destination();
        boolean v6 = isIpv6(destination) || isIpv6(route.gateway());
        if (destination.equals("0.0.0.0/0") || destination.equals("::/0")) {
            destination = "default";
        }
        List<String> argv = new ArrayList<>();
        if (v6) {
            argv.add("-6");
        }
        argv.addAll(List.of("route", "replace", destination));
        if (!route.gateway().isEmpty()) {
            argv.addAll(List.of("via", route.gateway()));
        }
        argv.addAll(List.of("dev", device));
        if (route.metric() > 0) {
            argv.addAll(List.of("metric", Integer.toString(route.metric())));
        }
        return argv;
    }

    /** resolv.conf's text; empty when there are no servers (the file is then left alone). */
    static String resolvConf(ConfigureNetwork.Dns dns) {
        if (dns.servers().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (!dns.searches().isEmpty()) {
            text.append("search ").append(String.join(" ", dns.searches())).append('\n');
        }
        for (String server : dns.servers()) {
            text.append("nameserver ").append(server).append('\n');
        }
        if (!dns.options().isEmpty()) {
            text.append("options ").append(String.join(" ", dns.options())).append('\n');
        }
        return text.toString();
    }
}
