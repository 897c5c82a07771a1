package dev.janus.networking.cni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Common frame of the integration tests: skip unless root with the real plugins, a private
 * network per test, and the host left as found (bridge, NAT rules, portmap's shared chains,
 * and the forwarding switches the bridge plugin turns on, when nothing else needs them).
 */
abstract class ItBase {

    private static final Path FORWARD4 = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final Path FORWARD6 = Path.of("/proc/sys/net/ipv6/conf/all/forwarding");
    private static boolean sharedChainsBefore;
    private static String forward4Before;
    private static String forward6Before;

    @TempDir
    Path tmp;
    ItNetwork net;

    @BeforeAll
    static void requireHost() throws IOException {
        ItHost.assumeRealPlugins();
        sharedChainsBefore = NatRules.sharedChainsExist();
        forward4Before = Files.readString(FORWARD4).strip();
        forward6Before = Files.readString(FORWARD6).strip();
    }

    @BeforeEach
    void privateNetwork() throws IOException {
        net = new ItNetwork(tmp);
    }

    @AfterEach
    void takeDown() {
        if (net != null) {
            net.close();
        }
    }

    @AfterAll
    static void restoreHost() throws IOException {
        if (forward4Before == null) {
            return;
        }
        if (!sharedChainsBefore) {
            NatRules.removeSharedChainsIfUnused();
        }
        boolean otherPods = ItHost.run("iptables", "-w", "-t", "nat", "-S", "POSTROUTING")
                .contains("id: ");
        if (!otherPods) {
            Files.writeString(FORWARD4, forward4Before);
            Files.writeString(FORWARD6, forward6Before);
        }
    }
}
