package dev.janus.guest.agent.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.guest.agent.AgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysctlsTest {

    @Test
    void namesBecomePathsUnderProcSysAndValuesAreWritten(@TempDir Path procSys) throws Exception {
        Files.createDirectories(procSys.resolve("net/ipv4/conf/eth0.1"));
        Files.createDirectories(procSys.resolve("kernel"));
        Files.writeString(procSys.resolve("kernel/shm_rmid_forced"), "0");
        Files.writeString(procSys.resolve("net/ipv4/conf/eth0.1/rp_filter"), "0");
        Sysctls sysctls = new Sysctls(procSys);
        sysctls.set(List.of("kernel.shm_rmid_forced=1", "net.ipv4.conf.eth0/1.rp_filter=2"));
        assertEquals("1", Files.readString(procSys.resolve("kernel/shm_rmid_forced")));
        assertEquals("2", Files.readString(procSys.resolve("net/ipv4/conf/eth0.1/rp_filter")));
    }

    @Test
    void namesThatLeaveProcSysOrDoNotExistAreInvalid(@TempDir Path procSys) {
        Sysctls sysctls = new Sysctls(procSys);
        for (String bad : List.of("kernel....x=1", "../etc/passwd=x", "kernel/../../x=1", "Kernel.X=1", "novalue")) {
            assertThrows(AgentException.class, () -> sysctls.set(List.of(bad)), bad);
        }
        assertThrows(AgentException.class, () -> sysctls.set(List.of("kernel.nonexistent=1")));
    }
}
