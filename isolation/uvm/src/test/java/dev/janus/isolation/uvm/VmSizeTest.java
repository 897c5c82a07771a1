package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.LinuxPodSandboxConfig;
import dev.janus.cri.api.PodSandboxConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmSizeTest {

    private static final LinuxVmOptions OPTIONS = LinuxVmOptions.from(Map.of("imageDir", "/x"));

    private static PodSandboxConfig pod(long memory, long quota, long period) {
        return PodSandboxConfig.newBuilder().setLinux(LinuxPodSandboxConfig.newBuilder().setResources(
                LinuxContainerResources.newBuilder().setMemoryLimitInBytes(memory).setCpuQuota(quota)
                        .setCpuPeriod(period))).build();
    }

    @Test
    void aPodWithoutLimitsGetsTheDefaults() {
        assertEquals(new VmSize(512, 1), VmSize.of(PodSandboxConfig.getDefaultInstance(), OPTIONS, 8));
    }

    @Test
    void aLimitedPodGetsItsLimitPlusTheGuestsReserve() {
        assertEquals(new VmSize(64 + 192, 1), VmSize.of(pod(64L << 20, 0, 0), OPTIONS, 8));
        assertEquals(new VmSize(101 + 192, 1), VmSize.of(pod((100L << 20) + 1, 0, 0), OPTIONS, 8), "rounded up");
    }

    @Test
    void cpusFollowTheCpuLimitUpToTheHosts() {
        assertEquals(2, VmSize.of(pod(0, 150_000, 100_000), OPTIONS, 8).vcpus(), "1.5 cores: 2 vCPUs");
        assertEquals(1, VmSize.of(pod(0, 20_000, 100_000), OPTIONS, 8).vcpus());
        assertEquals(2, VmSize.of(pod(0, 800_000, 100_000), OPTIONS, 2).vcpus(), "never more than the host has");
    }

    @Test
    void aPodCgroupWithRoomKeepsTheSizeAndOneWithLittleShrinksTheGuest() {
        VmSize size = VmSize.of(pod(256L << 20, 0, 0), OPTIONS, 8);
        assertEquals(size, size.fitInto(java.util.OptionalLong.empty(), 256L << 20, 192, "p"), "no limit above");
        assertEquals(size, size.fitInto(java.util.OptionalLong.of((256L + 460) << 20), 256L << 20, 192, "p"),
                "the RuntimeClass overhead of deploy/kubernetes covers it");
        assertEquals(256 + 150, size.fitInto(java.util.OptionalLong.of((256L + 342) << 20), 256L << 20, 192, "p")
                .memoryMib(), "a smaller overhead: the guest gets what QEMU leaves");
    }

    @Test
    void aPodCgroupWithoutRoomForTheVmIsRefusedWithWhatToChange() {
        VmSize size = VmSize.of(pod(256L << 20, 0, 0), OPTIONS, 8);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.janus.cri.errors.CriException.class,
                () -> size.fitInto(java.util.OptionalLong.of(256L << 20), 256L << 20, 192, "p1"));
        assertEquals(dev.janus.cri.errors.CriException.Kind.FAILED_PRECONDITION, e.kind());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("overhead.podFixed.memory of at least 320Mi"),
                e.getMessage());
    }
}
