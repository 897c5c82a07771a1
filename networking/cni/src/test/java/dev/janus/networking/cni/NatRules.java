package dev.janus.networking.cni;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clean-up of the NAT rules CNI plugins tag with a network's name (bridge's ipMasq, portmap's
 * DNAT), for tests that fail before DEL ran. portmap's shared CNI-HOSTPORT-* chains serve every
 * network on the host: they are removed only if they were absent before and nothing uses them.
 */
final class NatRules {

    private static final List<String> TOOLS = List.of("iptables", "ip6tables");
    private static final Pattern JUMP = Pattern.compile(" -j (CNI-[A-Za-z0-9-]+)");
    private static final List<String> SHARED = List.of("CNI-HOSTPORT-DNAT",
            "CNI-HOSTPORT-MASQ", "CNI-HOSTPORT-SETMARK");

    private NatRules() {
    }

    static void removeForNetwork(String network) {
        String tag = "name: \\\"" + network + "\\\"";
        for (String tool : TOOLS) {
            Set<String> chains = new LinkedHashSet<>();
            for (String rule : ItHost.run(tool, "-w", "-t", "nat", "-S").lines().toList()) {
                if (rule.startsWith("-A ") && rule.contains(tag)) {
                    Matcher jump = JUMP.matcher(rule);
                    if (jump.find() && !SHARED.contains(jump.group(1))) {
                        chains.add(jump.group(1));
                    }
                    // -S prints rules quoted the way a shell reads them back
                    ItHost.run("sh", "-c", tool + " -w -t nat -D" + rule.substring(2));
                }
            }
            for (String chain : chains) {
                ItHost.run(tool, "-w", "-t", "nat", "-F", chain);
                ItHost.run(tool, "-w", "-t", "nat", "-X", chain);
            }
        }
    }

    static boolean sharedChainsExist() {
        return ItHost.run("iptables", "-w", "-t", "nat", "-S").contains("-N CNI-HOSTPORT-DNAT");
    }

    /** Only when no per-pod DNAT chain (CNI-DN-*) is left, in which case nothing needs them. */
    static void removeSharedChainsIfUnused() {
        for (String tool : TOOLS) {
            String rules = ItHost.run(tool, "-w", "-t", "nat", "-S");
            if (rules.contains("-N CNI-DN-") || !rules.contains("-N CNI-HOSTPORT-DNAT")) {
                continue;
            }
            for (String rule : rules.lines().toList()) {
                if (rule.startsWith("-A ") && SHARED.stream().anyMatch(c -> rule.contains("-j " + c))
                        && SHARED.stream().noneMatch(c -> rule.startsWith("-A " + c + " "))) {
                    ItHost.run("sh", "-c", tool + " -w -t nat -D" + rule.substring(2));
                }
            }
            for (String chain : SHARED) {
                ItHost.run(tool, "-w", "-t", "nat", "-F", chain);
                ItHost.run(tool, "-w", "-t", "nat", "-X", chain);
            }
        }
    }
}
