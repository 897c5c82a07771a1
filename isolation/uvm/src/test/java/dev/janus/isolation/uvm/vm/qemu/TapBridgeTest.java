package dev.janus.isolation.uvm.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TapBridgeTest {

    private static final Path NETNS = Path.of("/var/run/netns/cni-1");

    private static List<String> in(String... command) {
        List<String> argv = new java.util.ArrayList<>(List.of("nsenter", "--net=/var/run/netns/cni-1", "--"));
        argv.addAll(List.of(command));
        return argv;
    }

    @Test
    void connectRedirectsBothWaysAndTakesThePodAddressAway() {
        assertEquals(List.of(
                in("ip", "link", "set", "dev", "tap0", "mtu", "1450", "up"),
                in("ip", "addr", "flush", "dev", "eth0"),
                in("tc", "qdisc", "add", "dev", "eth0", "ingress"),
                in("tc", "filter", "add", "dev", "eth0", "parent", "ffff:", "protocol", "all", "u32", "match", "u8",
                        "0", "0", "action", "mirred", "egress", "redirect", "dev", "tap0"),
                in("tc", "qdisc", "add", "dev", "tap0", "ingress"),
                in("tc", "filter", "add", "dev", "tap0", "parent", "ffff:", "protocol", "all", "u32", "match", "u8",
                        "0", "0", "action", "mirred", "egress", "redirect", "dev", "eth0")),
                TapBridge.connectCommands(NETNS, "eth0", "tap0", 1450));
    }

    @Test
    void disconnectDropsBothIngressQdiscs() {
        assertEquals(List.of(in("tc", "qdisc", "del", "dev", "eth0", "ingress"),
                in("tc", "qdisc", "del", "dev", "tap0", "ingress")),
                TapBridge.disconnectCommands(NETNS, "eth0", "tap0"));
    }

    @Test
    void mtuComesFromIpLink() {
        assertEquals(1450, TapBridge.parseMtu(
                "2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP mode DEFAULT"));
        assertEquals(1500, TapBridge.parseMtu("garbage"));
    }
}
