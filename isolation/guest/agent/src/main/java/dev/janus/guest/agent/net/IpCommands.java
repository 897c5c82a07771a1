package dev.janus.guest.agent.net;

import dev.janus.guest.protocol.ops.ConfigureNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * The name of the link whose MAC is {@code mac}, from {@code ip -o link show} lines like
     * {@code 2: eth0@if3: <BROADCAST,...> mtu 1500 ... link/ether 02:42:ac:11:00:02 brd ...}.
     */
    static Optional<String> linkWithMac(String ipLinkOutput, String mac) {
        for (String line : ipLinkOutput.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            for (int i = 0; i + 1 < fields.length; i++) {
                if (fields[i].equals("link/ether") && fields[i + 1].equalsIgnoreCase(mac) && fields.length > 1) {
                    String name = fields[1].endsWith(":") ? fields[1].substring(0, fields[1].length() - 1) : fields[1];
                    int at = name.indexOf('@');
                    return Optional.of(at > 0 ? name.substring(0, at) : name);
                }
            }
        }
        return Optional.empty();
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
