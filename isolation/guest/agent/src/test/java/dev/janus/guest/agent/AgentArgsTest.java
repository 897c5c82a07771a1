package dev.janus.guest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentArgsTest {

    @Test
    void whatInitPassesUnderQemu() {
        AgentArgs args = AgentArgs.parse("--channel", "/dev/vport0p1");
        assertEquals(Path.of("/dev/vport0p1"), args.channel());
        assertEquals(Path.of("/usr/bin/crun"), args.runtime());
        assertEquals(Path.of("/run/janus-agent"), args.state());
        assertNull(args.diskLinks());
        assertTrue(args.clockSync());
    }

    @Test
    void whatInitPassesUnderHyperV() {
        AgentArgs args = AgentArgs.parse("--vsock-port", "1073741824");
        assertEquals(1073741824, args.vsockPort());
        assertNull(args.channel());
    }

    @Test
    void whatTestsPass() {
        AgentArgs args = AgentArgs.parse("--unix-socket", "/tmp/a.sock", "--runtime", "/usr/sbin/runc",
                "--state", "/tmp/s", "--disk-links", "/tmp/d", "--etc", "/tmp/etc", "--no-clock-sync");
        assertEquals(Path.of("/usr/sbin/runc"), args.runtime());
        assertEquals(Path.of("/tmp/d"), args.diskLinks());
        assertFalse(args.clockSync());
    }

    @Test
    void exactlyOneTransport() {
        assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse());
        assertThrows(IllegalArgumentException.class,
                () -> AgentArgs.parse("--channel", "/dev/vport0p1", "--vsock-port", "5"));
        assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse("--vsock-port", "-1"));
        assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse("--channel"));
        assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse("--channel", "x", "--bogus"));
    }
}
