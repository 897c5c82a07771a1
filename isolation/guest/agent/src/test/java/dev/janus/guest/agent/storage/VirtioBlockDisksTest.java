package dev.janus.guest.agent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.protocol.ops.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtioBlockDisksTest {

    @Test
    void findsADiskBySerialAndWaitsForAHotPluggedOne(@TempDir Path sys) throws Exception {
        Files.createDirectories(sys.resolve("vda"));
        Files.writeString(sys.resolve("vda/serial"), "l-0123456789abcdef\n");
        Files.createDirectories(sys.resolve("sda"));
        VirtioBlockDisks disks = new VirtioBlockDisks(sys, Path.of("/dev"));
        assertEquals(Optional.of(Path.of("/dev/vda")), disks.find("l-0123456789abcdef"));
        assertEquals(Optional.empty(), disks.find("scratch-x"));

        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
                Files.createDirectories(sys.resolve("vdb"));
                Files.writeString(sys.resolve("vdb/serial"), "scratch-x");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertEquals(Path.of("/dev/vdb"), disks.await("scratch-x", Duration.ofSeconds(5)));
        AgentException missing = assertThrows(AgentException.class, () -> disks.await("nope", Duration.ofMillis(50)));
        assertEquals(ErrorKind.NOT_FOUND, missing.kind());
    }
}
