package dev.janus.isolation.uvm.vm.qemu;

import dev.janus.isolation.host.HostCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the pod's interface (the CNI veth, {@code eth0}) and QEMU's tap inside the pod's
 * network namespace with tc: every frame arriving on one is redirected out of the other, both
 * ways (Kata's "tcfilter" model). The pod interface loses its IP addresses, so only the guest,
 * which carries the same MAC, answers for the pod. No bridge, no extra addresses.
 */
public final class TapBridge {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern MTU = Pattern.compile("\\bmtu (\\d+)\\b");

    private TapBridge() {
    }

    /** Bridges {@code podInterface} and {@code tap}; safe to repeat (a re-attaching janusd). */
    public static void connect(Path netns, String podInterface, String tap) {
        int mtu = mtu(netns, podInterface);
        for (List<String> command : disconnectCommands(netns, podInterface, tap)) {
            HostCommand.run(command, TIMEOUT); // nothing to remove is fine
        }
        for (List<String> command : connectCommands(netns, podInterface, tap, mtu)) {
            HostCommand.check(command, TIMEOUT);
        }
    }

    /** Removes the redirects; the tap goes with QEMU, the netns with the pod. */
    public static void disconnect(Path netns, String podInterface, String tap) {
        for (List<String> command : disconnectCommands(netns, podInterface, tap)) {
            HostCommand.run(command, TIMEOUT);
        }
    }

    static List<List<String>> connectCommands(Path netns, String podInterface, String tap, int mtu) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(in(netns, "ip", "link", "set", "dev", tap, "mtu", String.valueOf(mtu), "up"));
        commands.add(in(netns, "ip", "addr", "flush", "dev", podInterface));
        commands.addAll(redirect(netns, podInterface, tap));
        commands.addAll(redirect(netns, tap, podInterface));
        return commands;
    }

    static List<List<String>> disconnectCommands(Path netns, String podInterface, String tap) {
        return List.of(in(netns, "tc", "qdisc", "del", "dev", podInterface, "ingress"),
                in(netns, "tc", "qdisc", "del", "dev", tap, "ingress"));
    }

    /** Everything that comes in on {@code from} leaves through {@code to}. */
    private static List<List<String>> redirect(Path netns, String from, String to) {
        return List.of(in(netns, "tc", "qdisc", "add", "dev", from, "ingress"),
                in(netns, "tc", "filter", "add", "dev", from, "parent", "ffff:", "protocol", "all",
                        "u32", "match", "u8", "0", "0", "action", "mirred", "egress", "redirect", "dev", to));
    }

    static int mtu(Path netns, String iface) {
        String link = HostCommand.check(in(netns, "ip", "-o", "link", "show", "dev", iface), TIMEOUT);
        return parseMtu(link);
    }

    static int parseMtu(String ipLinkLine) {
        Matcher m = MTU.matcher(ipLinkLine);
        return m.find() ? Integer.parseInt(m.group(1)) : 1500;
    }

    private static List<String> in(Path netns, String... command) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + netns, "--"));
        argv.addAll(List.of(command));
        return argv;
    }
}
