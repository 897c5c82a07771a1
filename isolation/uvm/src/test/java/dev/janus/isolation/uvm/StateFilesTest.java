package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.ContainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {

    @TempDir
    Path vmDir;

    static ContainerFile created(String id) {
        return new ContainerFile(id, "sandbox", "/var/log/pods/p/c/0.log", false, true, true,
                List.of("l-0123456789abcdef", "l-fedcba9876543210"), "s-" + id, ContainerState.Status.CREATED, 0,
                1_700_000_000_000_000_000L, 0, 0, 0, "", false);
    }

    @Test
    void aContainerRecordSurvivesARoundTripThroughEachState() {
        VmContainer container = new VmContainer(vmDir, created("c1"));
        container.save(container.file());
        assertTrue(container.started(42, 1_700_000_001_000_000_000L));
        assertEquals(ContainerState.Status.RUNNING, reread("c1").status());
        assertEquals(42, reread("c1").guestPid());
        assertTrue(container.exited(137, 1_700_000_002_000_000_005L, true, ""));
        assertFalse(container.exited(0, 1_700_000_003_000_000_000L, false, "later"), "an exit is recorded once");

        ContainerFile file = reread("c1");
        assertEquals(created("c1").layerSerials(), file.layerSerials());
        ContainerState state = file.state();
        assertEquals(ContainerState.Status.EXITED, state.status());
        assertEquals(137, state.exitCode());
        assertTrue(state.oomKilled(), "an OOM kill survives janusd's restart");
        assertEquals(Instant.ofEpochSecond(1_700_000_002L, 5), state.finishedAt());
        assertEquals(Instant.ofEpochSecond(1_700_000_001L), state.startedAt());
    }

    @Test
    void anExitBeforeTheStartWasRecordedKeepsTheStartTime() {
        VmContainer container = new VmContainer(vmDir, created("fast"));
        container.exited(0, 1_700_000_002_000_000_000L, false, "");
        assertFalse(container.started(7, 1_700_000_001_000_000_000L));
        ContainerFile file = reread("fast");
        assertEquals(ContainerState.Status.EXITED, file.status());
        assertEquals(1_700_000_001_000_000_000L, file.startedAtNanos());
    }

    @Test
    void listsContainerRecordsButNotSpecsOrBrokenFiles() throws Exception {
        new VmContainer(vmDir, created("a")).save(created("a"));
        new VmContainer(vmDir, created("b")).save(created("b"));
        StateFiles.writeBytes(StateFiles.spec(vmDir, "a"), "{\"ociVersion\":\"1.0.2\"}".getBytes());
        Files.writeString(vmDir.resolve("containers/broken.json"), "{not json");
        List<String> ids = StateFiles.containers(vmDir).stream().map(ContainerFile::id).sorted().toList();
        assertEquals(List.of("a", "b"), ids);
        assertFalse(Files.exists(vmDir.resolve("containers/a.json.partial")), "written through a rename");
    }

    @Test
    void theSandboxRecordRemembersAStop() {
        SandboxFile sandbox = new SandboxFile("id", "/run/netns/x", "02:42:ac:11:00:02", "eth0", 512, 1, 5, false,
                "/kubepods/pod1/id");
        StateFiles.write(StateFiles.sandbox(vmDir), sandbox.withStopped());
        SandboxFile read = StateFiles.read(StateFiles.sandbox(vmDir), SandboxFile.class).orElseThrow();
        assertTrue(read.stopped());
        assertEquals("02:42:ac:11:00:02", read.mac());
        assertEquals("/kubepods/pod1/id", read.cgroup());
        assertTrue(StateFiles.read(vmDir.resolve("missing.json"), SandboxFile.class).isEmpty());
    }

    private ContainerFile reread(String id) {
        return StateFiles.read(StateFiles.container(vmDir, id), ContainerFile.class).orElseThrow();
    }
}
