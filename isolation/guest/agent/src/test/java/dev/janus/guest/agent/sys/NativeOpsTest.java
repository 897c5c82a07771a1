package dev.janus.guest.agent.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The java.lang.foreign calls on this host: a pty whose size another process sees. */
class NativeOpsTest {

    @Test
    void aPtyTakesItsSizeAndCarriesBytes() throws Exception {
        NativeOps natives = NativeOps.load();
        assumeTrue(natives.available(), "java.lang.foreign needs a Java 22+ runtime");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs busybox");
        try (Pty pty = natives.openPty()) {
            assertTrue(pty.slavePath().startsWith("/dev/pts/"), pty.slavePath());
            pty.resize(31, 97);
            Command.Result size = Command.run(Duration.ofSeconds(10),
                    new Busybox(Path.of("/bin/busybox")).argv("stty", "-F", pty.slavePath(), "size"));
            assertEquals("31 97", size.output(), size.toString());
            natives.setWindowSize(Path.of(pty.slavePath()), 40, 120);
            assertEquals("40 120", Command.run(Duration.ofSeconds(10),
                    new Busybox(Path.of("/bin/busybox")).argv("stty", "-F", pty.slavePath(), "size")).output());
            // raw mode: what goes in at the master comes out unchanged at a reader of the slave
            pty.input().write("x\n".getBytes());
            pty.input().flush();
        }
    }
}
