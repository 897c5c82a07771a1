package dev.janus.guest.agent.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeCliTest {

    private final RuntimeCli crun = new RuntimeCli(Path.of("/usr/bin/crun"), Path.of("/run/janus-agent/runtime"), false);
    private final Bundle bundle = new Bundle(Path.of("/run/janus-agent/containers/c1"));

    @Test
    void runsInTheForegroundWithAPidFile() {
        assertEquals(List.of("/usr/bin/crun", "--root", "/run/janus-agent/runtime", "run", "--bundle",
                "/run/janus-agent/containers/c1", "--pid-file", "/run/janus-agent/containers/c1/init.pid", "c1"),
                crun.run("c1", bundle));
    }

    @Test
    void noPivotFromAnInitramfs() {
        RuntimeCli fromInitramfs = new RuntimeCli(Path.of("/usr/bin/crun"), Path.of("/r"), true);
        assertEquals(List.of("/usr/bin/crun", "--root", "/r", "run", "--bundle", "/run/janus-agent/containers/c1",
                "--pid-file", "/run/janus-agent/containers/c1/init.pid", "--no-pivot", "c1"), fromInitramfs.run("c1", bundle));
    }

    @Test
    void execRunsTheWholeProcessFromItsFileAndNoCommandOfItsOwn() {
        assertEquals(List.of("/usr/bin/crun", "--root", "/run/janus-agent/runtime", "exec", "--process",
                "/run/janus-agent/containers/c1/exec-x1.json", "--pid-file", "/p", "c1"),
                crun.exec("c1", Path.of("/p"), bundle.execProcess("x1")));
    }

    @Test
    void killAndDelete() {
        assertEquals(List.of("/usr/bin/crun", "--root", "/run/janus-agent/runtime", "kill", "--all", "c1", "9"),
                crun.kill("c1", 9, true));
        assertEquals(List.of("/usr/bin/crun", "--root", "/run/janus-agent/runtime", "delete", "--force", "c1"),
                crun.delete("c1"));
    }
}
