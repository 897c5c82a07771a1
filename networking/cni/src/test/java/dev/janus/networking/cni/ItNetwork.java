package dev.janus.networking.cni;

import dev.janus.networking.PodNetworkRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test's private CNI network: its own conf, state and IPAM dirs in a temp dir, its own
 * bridge name and a /24 (and /64) of its own, so tests never meet the default network or each
 * other. {@link #close()} takes down whatever the test left: pods, the bridge, its NAT rules.
 */
final class ItNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ItNetwork.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    final String name;
    final String bridge;
    final int subnet;
    final Path confDir;
    final Path stateDir;
    final Path ipamDir;
    final Path extraBin;
    private final Set<String> sandboxes = new LinkedHashSet<>();
    private final List<Process> processes = new ArrayList<>();
    private CniPodNetwork network;

    ItNetwork(Path tmp) throws IOException {
        String tag = HexFormat.of().formatHex(RANDOM.generateSeed(3));
        this.name = "janus-it-" + tag;
        this.bridge = "jit" + tag;
        this.subnet = freeSubnet();
        this.confDir = Files.createDirectories(tmp.resolve("net.d"));
        this.stateDir = Files.createDirectories(tmp.resolve("state"));
        this.ipamDir = tmp.resolve("ipam");
        this.extraBin = Files.createDirectories(tmp.resolve("bin"));
    }

    /** The CniPodNetwork under test; a new one stands for janusd after a restart. */
    CniPodNetwork network() {
        if (network == null) {
            network = restart();
        }
        return network;
    }

    CniPodNetwork restart() {
        network = new CniPodNetwork(new CniSettings(confDir,
                List.of(ItHost.CNI_BIN, extraBin), stateDir));
        return network;
    }

    String gateway() {
        return "10.213." + subnet + ".1";
    }

    /** bridge + host-local (dual stack), then the given extra plugin objects. */
    String conflist(String... morePlugins) {
        String bridgePlugin = """
                {"type": "bridge", "bridge": "%s", "isGateway": true, "ipMasq": true,
                 "hairpinMode": true,
                 "ipam": {"type": "host-local", "dataDir": "%s",
                          "ranges": [[{"subnet": "10.213.%d.0/24"}], [{"subnet": "fd5a:213:%d::/64"}]],
                          "routes": [{"dst": "0.0.0.0/0"}, {"dst": "::/0"}]}}"""
                .formatted(bridge, ipamDir, subnet, subnet);
        StringBuilder plugins = new StringBuilder(bridgePlugin);
        for (String plugin : morePlugins) {
            plugins.append(",\n").append(plugin);
        }
        return "{\"cniVersion\": \"1.0.0\", \"name\": \"" + name + "\", \"plugins\": [\n"
                + plugins + "]}";
    }

    static String portmap() {
        return "{\"type\": \"portmap\", \"capabilities\": {\"portMappings\": true}, \"snat\": true}";
    }

    Path writeConfig(String text) throws IOException {
        return Files.writeString(confDir.resolve("10-" + name + ".conflist"), text);
    }

    /** A namespace for a new sandbox, remembered for clean-up. */
    Path pod(String sandboxId) {
        sandboxes.add(sandboxId);
        return network().createNamespace(sandboxId);
    }

    PodNetworkRequest request(String sandboxId) {
        return TestRequests.plain(sandboxId, pod(sandboxId));
    }

    Process keep(Process process) {
        processes.add(process);
        return process;
    }

    /** The IPs host-local holds for this network right now (one file per reserved IP). */
    List<String> reservedIps() throws IOException {
        Path store = ipamDir.resolve(name);
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (var files = Files.list(store)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("10.") || n.contains(":")).sorted().toList();
        }
    }

    /** Names of host interfaces enslaved to this test's bridge (the pods' veth ends). */
    List<String> vethsOnBridge() {
        return ItHost.run("ip", "-o", "link", "show", "master", bridge).lines()
                .filter(l -> l.contains("veth")).toList();
    }

    @Override
    public void close() {
        processes.forEach(ItHost::stop);
        for (String id : sandboxes) {
            try {
                network().detach(TestRequests.plain(id, stateDir.resolve("netns").resolve(id)));
            } catch (RuntimeException e) {
                LOG.warn("clean-up: detach of {} failed: {}", id, e.getMessage());
            }
            try {
                network().removeNamespace(id);
            } catch (RuntimeException e) {
                LOG.warn("clean-up: removeNamespace of {} failed: {}", id, e.getMessage());
                ItHost.run("umount", "--lazy", stateDir.resolve("netns").resolve(id).toString());
            }
        }
        ItHost.run("ip", "link", "del", bridge);
        NatRules.removeForNetwork(name);
    }

    /** A 10.213.x.0/24 that no host interface uses yet. */
    private static int freeSubnet() {
        String addresses = ItHost.run("ip", "-o", "addr");
        for (int i = 0; i < 50; i++) {
            int candidate = 1 + RANDOM.nextInt(250);
            if (!addresses.contains("10.213." + candidate + ".")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free 10.213.x.0/24 for a test network");
    }
}
