package dev.janus.isolation.uvm.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KvmProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void kvmOnlyWhenTheKernelBootedAndQemuEndedByItself() {
        String panic = "[    0.000000] Linux version 6.1.0-50-amd64\n[    0.4] Kernel panic - not syncing: VFS\n";
        assertEquals(Accel.KVM, KvmProbe.judge(true, panic, TIMEOUT).accel());
    }

    @Test
    void silenceUntilTheTimeoutMeansTcg() {
        KvmProbe.Result result = KvmProbe.judge(false, "Probing EDD (edd=off to disable)... ok\n", TIMEOUT);
        assertEquals(Accel.TCG, result.accel());
        assertTrue(result.reason().contains("3000 ms"), result.reason());
    }

    @Test
    void qemuRefusingKvmMeansTcgWithItsMessage() {
        KvmProbe.Result result = KvmProbe.judge(true,
                "qemu-system-x86_64: failed to initialize kvm: Permission denied\n", TIMEOUT);
        assertEquals(Accel.TCG, result.accel());
        assertTrue(result.reason().endsWith("failed to initialize kvm: Permission denied"), result.reason());
    }

    @Test
    void theProbeBootsTheKernelWithKvmAndNoInitrd() {
        assertEquals("q35,accel=kvm", KvmProbe.argv(Path.of("/q"), Path.of("/k")).get(2));
        assertTrue(KvmProbe.argv(Path.of("/q"), Path.of("/k")).contains("-no-reboot"));
    }
}
