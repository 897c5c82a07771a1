package dev.janus.isolation.uvm.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.uvm.testing.ItHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TapBridge in a network namespace of its own: a veth as the pod's eth0, a tap as QEMU's. */
class TapBridgeIT {

    private final String name = "janus-tap-it-" + ProcessHandle.current().pid();
    private final Path netns = Path.of("/var/run/netns", name);

    @BeforeAll
    static void needs() {
        ItHost.assumeRoot();
        ItHost.assumeTools("ip", "tc", "nsenter");
    }

    @BeforeEach
    void podNamespace() {
        ItHost.check("ip", "netns", "add", name);
        in("ip", "link", "add", "eth0", "mtu", "1450", "type", "veth", "peer", "name", "host0");
        in("ip", "addr", "add", "10.99.0.5/24", "dev", "eth0");
        in("ip", "link", "set", "eth0", "up");
        in("ip", "tuntap", "add", "dev", "tap0", "mode", "tap");
    }

    @AfterEach
    void cleanUp() {
        ItHost.run("ip", "netns", "del", name);
    }

    private String in(String... command) {
        String[] argv = new String[command.length + 4];
        argv[0] = "ip";
        argv[1] = "netns";
        argv[2] = "exec";
        argv[3] = name;
        System.arraycopy(command, 0, argv, 4, command.length);
        return ItHost.check(argv);
    }

    @Test
    void redirectsBothWaysTakesTheAddressAndUndoes() {
        TapBridge.connect(netns, "eth0", "tap0");
        String fromPod = in("tc", "filter", "show", "dev", "eth0", "ingress");
        assertTrue(fromPod.contains("mirred") && fromPod.contains("Redirect to device tap0"), fromPod);
        String fromVm = in("tc", "filter", "show", "dev", "tap0", "ingress");
        assertTrue(fromVm.contains("Redirect to device eth0"), fromVm);
        assertFalse(in("ip", "-o", "addr", "show", "dev", "eth0").contains("inet "), "eth0 keeps no IPv4 address");
        String tap = in("ip", "-o", "link", "show", "dev", "tap0");
        assertTrue(tap.contains("mtu 1450"), tap);

        TapBridge.connect(netns, "eth0", "tap0"); // again, as a re-attaching janusd does

        TapBridge.disconnect(netns, "eth0", "tap0");
        assertFalse(in("tc", "qdisc", "show", "dev", "eth0").contains("ingress"));
        assertFalse(in("tc", "qdisc", "show", "dev", "tap0").contains("ingress"));
    }
}
