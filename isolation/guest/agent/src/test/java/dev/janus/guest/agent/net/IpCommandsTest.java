package dev.janus.guest.agent.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.janus.guest.protocol.ops.ConfigureNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpCommandsTest {

    @Test
    void renamesSetsMtuAddressesAndBringsUp() {
        var nic = new ConfigureNetwork.Interface("02:42:ac:11:00:02", "eth0", List.of("10.88.0.5/16", "fd00::5/64"), 1450);
        assertEquals(List.of(
                List.of("link", "set", "dev", "enp0s3", "down"),
                List.of("link", "set", "dev", "enp0s3", "name", "eth0"),
                List.of("link", "set", "dev", "eth0", "mtu", "1450"),
                List.of("addr", "add", "10.88.0.5/16", "dev", "eth0"),
                List.of("-6", "addr", "add", "fd00::5/64", "dev", "eth0"),
                List.of("link", "set", "dev", "eth0", "up")), IpCommands.forInterface("enp0s3", nic));
    }

    @Test
    void keepsTheNameWhenNoneIsAsked() {
        var nic = new ConfigureNetwork.Interface("02:42:ac:11:00:02", "", List.of(), 0);
        assertEquals(List.of(List.of("link", "set", "dev", "eth1", "up")), IpCommands.forInterface("eth1", nic));
    }

    @Test
    void defaultRoutesInBothFamilies() {
        assertEquals(List.of("route", "replace", "default", "via", "10.88.0.1", "dev", "eth0"),
                IpCommands.forRoute(new ConfigureNetwork.Route("0.0.0.0/0", "10.88.0.1", "", 0), "eth0"));
        assertEquals(List.of("-6", "route", "replace", "default", "via", "fd00::1", "dev", "eth0", "metric", "5"),
                IpCommands.forRoute(new ConfigureNetwork.Route("::/0", "fd00::1", "", 5), "eth0"));
        assertEquals(List.of("route", "replace", "10.96.0.0/12", "dev", "eth0"),
                IpCommands.forRoute(new ConfigureNetwork.Route("10.96.0.0/12", "", "", 0), "eth0"));
    }

    @Test
    void resolvConf() {
        assertEquals("search ns.svc.cluster.local svc.cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
                IpCommands.resolvConf(new ConfigureNetwork.Dns(List.of("10.96.0.10"),
                        List.of("ns.svc.cluster.local", "svc.cluster.local"), List.of("ndots:5"))));
        assertEquals("", IpCommands.resolvConf(new ConfigureNetwork.Dns(List.of(), List.of("x"), List.of())));
    }

    @Test
    void findsALinkByMacInIpOutput() {
        String busybox = """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                3: nic0@peer0: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue qlen 1000\\    link/ether 02:00:00:00:00:42 brd ff:ff:ff:ff:ff:ff
                """;
        assertEquals(Optional.of("nic0"), IpCommands.linkWithMac(busybox, "02:00:00:00:00:42"));
        assertEquals(Optional.of("nic0"), IpCommands.linkWithMac(busybox, "02:00:00:00:00:42".toUpperCase()));
        assertEquals(Optional.empty(), IpCommands.linkWithMac(busybox, "02:00:00:00:00:43"));
    }
}
