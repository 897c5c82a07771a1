package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.HostContext;
import dev.janus.isolation.uvm.vm.VmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmDirsTest {

    private static final String SANDBOX = "0899addf370e8ce4201ac0551de704d7ace313ea3e0fa48eb3e86ccd32ee8a15";

    @Test
    void aVmDirectoryIsNamedByTheFirst16HexOfItsSandbox() {
        VmDirs dirs = VmDirs.of(new HostContext(Path.of("/var/lib/janus"), Path.of("/run/janus"), "cgroupfs"),
                "linux-vm");
        assertEquals(Path.of("/run/janus/uvm/linux-vm/0899addf370e8ce4"), dirs.vmDir(SANDBOX));
        assertEquals(Path.of("/var/lib/janus/uvm/layers"), dirs.layers());
        assertEquals("short", VmDirs.shortId("short"));
    }

    @Test
    void socketsFitWithAStateDirOfTypicalLength() {
        // the longest state dir our suites use: /tmp/janus-e2e-<suite>-<19 digits>/janusd/state
        Path state = Path.of("/tmp/janus-e2e-vmpod-1234567890123456789/janusd/state");
        VmDirs dirs = VmDirs.of(new HostContext(Path.of("/var/lib/janus"), state, "cgroupfs"), "linux-vm");
        Path dir = dirs.vmDir(SANDBOX);
        VmConfig config = VmConfig.of(SANDBOX, dir, Path.of("/k"), Path.of("/i"), 512, 1);
        String socket = dir.resolve(config.agentChannel().socketFile()).toString();
        assertTrue(socket.length() <= 107, socket.length() + ": " + socket);
    }

    @Test
    void listsOnlyDirectories(@TempDir Path state) throws Exception {
        VmDirs dirs = VmDirs.of(new HostContext(state, state, "cgroupfs"), "h");
        assertEquals(List.of(), dirs.all(), "nothing made yet");
        Files.createDirectories(dirs.vmDir("bbbb"));
        Files.createDirectories(dirs.vmDir("aaaa"));
        Files.writeString(dirs.base().resolve("stray"), "");
        assertEquals(List.of(dirs.vmDir("aaaa"), dirs.vmDir("bbbb")), dirs.all());
    }
}
