package dev.janus.guest.agent.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.guest.agent.AgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestFilesTest {

    @Test
    void onlyAbsoluteNormalizedPaths() {
        assertEquals(Path.of("/etc/hosts"), GuestFiles.checked("/etc/hosts"));
        for (String bad : new String[] {"", "etc/hosts", "/etc/../x", "/etc//hosts", "/etc/hosts/", "/a/.."}) {
            assertThrows(AgentException.class, () -> GuestFiles.checked(bad), bad);
        }
    }

    @Test
    void writesWholeFilesWithTheirMode(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("pod/etc/hosts");
        GuestFiles.write(target, "a\n".getBytes(), 0640);
        GuestFiles.write(target, "b\n".getBytes(), 0644);
        assertEquals("b\n", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
