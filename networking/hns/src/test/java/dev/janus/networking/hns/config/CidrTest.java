package dev.janus.networking.hns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void containsByPrefix() {
        Cidr v4 = Cidr.parse("172.30.0.0/16");
        assertTrue(v4.contains(Cidr.literal("172.30.255.1")));
        assertFalse(v4.contains(Cidr.literal("172.31.0.1")));
        assertFalse(v4.contains(Cidr.literal("::1")));
        assertEquals("0.0.0.0/0", v4.defaultRoute());

        Cidr v6 = Cidr.parse("fd00:30::/64");
        assertTrue(v6.isIpv6());
        assertTrue(v6.contains(Cidr.literal("fd00:30::9")));
        assertFalse(v6.contains(Cidr.literal("fd00:31::9")));
        assertEquals("::/0", v6.defaultRoute());
    }

    @Test
    void refusesWhatIsNoPrefix() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
        // a host name would be resolved by InetAddress: never let one through
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost/8"));
    }
}
