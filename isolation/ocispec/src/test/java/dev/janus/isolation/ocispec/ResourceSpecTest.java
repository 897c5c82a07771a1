package dev.janus.isolation.ocispec;

import static dev.janus.isolation.ocispec.Fixtures.container;
import static dev.janus.isolation.ocispec.Fixtures.inputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Device;
import dev.janus.cri.api.HugepageLimit;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.HostFeatures.CgroupVersion;
import dev.janus.isolation.ocispec.SpecWarning.Kind;
import dev.janus.isolation.ocispec.model.OciLinux;
import dev.janus.isolation.ocispec.model.OciProcess.Rlimit;
import dev.janus.isolation.ocispec.model.OciResources;
import dev.janus.isolation.ocispec.model.OciResources.DeviceRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cgroup resources, oom_score_adj and rlimit clamping, and devices. */
class ResourceSpecTest {

    private static ContainerConfig.Builder withResources(LinuxContainerResources.Builder r) {
        ContainerConfig.Builder c = container();
        c.getLinuxBuilder().setResources(r);
        return c;
    }

    @Test
    void cpuAndMemoryMapAsContainerdDoes() {
        OciResources r = Fixtures.builder().container(inputs(withResources(LinuxContainerResources.newBuilder()
                .setCpuShares(512).setCpuQuota(50000).setCpuPeriod(100000).setCpusetCpus("0-1").setCpusetMems("0")
                .setMemoryLimitInBytes(256L << 20)
                .addHugepageLimits(HugepageLimit.newBuilder().setPageSize("2MB").setLimit(4L << 20)))))
                .spec().linux().resources();
        assertEquals(new OciResources.Cpu(512L, 50000L, 100000L, "0-1", "0"), r.cpu());
        assertEquals(256L << 20, r.memory().limit());
        assertEquals(256L << 20, r.memory().swap(), "no swap beyond the memory limit by default");
        assertEquals(List.of(new OciResources.HugepageLimit("2MB", 4L << 20)), r.hugepageLimits());
    }

    @Test
    void explicitSwapAndMissingSwapAccounting() {
        LinuxContainerResources.Builder res = LinuxContainerResources.newBuilder()
                .setMemoryLimitInBytes(100).setMemorySwapLimitInBytes(300);
        assertEquals(300L, Fixtures.builder().container(inputs(withResources(res))).spec().linux().resources()
                .memory().swap());
        HostFeatures noSwap = new HostFeatures(CgroupVersion.V1, "amd64", "", false, false, false);
        BuiltSpec b = new OciSpecBuilder(HostLimits.unlimited(), noSwap, Fixtures.devices())
                .container(inputs(withResources(res.addHugepageLimits(HugepageLimit.newBuilder().setPageSize("2MB")))));
        assertNull(b.spec().linux().resources().memory().swap());
        assertTrue(b.spec().linux().resources().hugepageLimits().isEmpty());
        assertEquals(List.of(Kind.SWAP_LIMIT_IGNORED, Kind.HUGEPAGE_LIMITS_IGNORED),
                b.warnings().stream().map(SpecWarning::kind).toList());
    }

    @Test
    void unifiedOnlyOnCgroupV2() {
        LinuxContainerResources.Builder res = LinuxContainerResources.newBuilder().putUnified("memory.high", "1000");
        BuiltSpec v1 = Fixtures.builder().container(inputs(withResources(res)));
        assertTrue(v1.spec().linux().resources().unified().isEmpty());
        assertEquals(Kind.UNIFIED_IGNORED, v1.warnings().get(0).kind());
        HostFeatures v2 = new HostFeatures(CgroupVersion.V2, "amd64", "", true, true, false);
        assertEquals(Map.of("memory.high", "1000"), new OciSpecBuilder(HostLimits.unlimited(), v2, Fixtures.devices())
                .container(inputs(withResources(res))).spec().linux().resources().unified());
    }

    @Test
    void oomScoreAdjIsClampedToTheRuntimesOwn() {
        OciSpecBuilder b = new OciSpecBuilder(new HostLimits(-500, null, null), Fixtures.v1(), Fixtures.devices());
        BuiltSpec low = b.container(inputs(withResources(LinuxContainerResources.newBuilder().setOomScoreAdj(-997))));
        assertEquals(-500, low.spec().process().oomScoreAdj());
        assertEquals(Kind.OOM_SCORE_ADJ_CLAMPED, low.warnings().get(0).kind());
        BuiltSpec high = b.container(inputs(withResources(LinuxContainerResources.newBuilder().setOomScoreAdj(1000))));
        assertEquals(1000, high.spec().process().oomScoreAdj());
        assertTrue(high.warnings().isEmpty());
        // the pause process asks for -998
        assertEquals(-500, b.sandbox(Fixtures.sandbox(Fixtures.pod().build())).spec().process().oomScoreAdj());
    }

    @Test
    void rlimitsAreClampedToTheRuntimesHardLimits() {
        OciSpecBuilder b = new OciSpecBuilder(new HostLimits(0, Map.of("RLIMIT_NOFILE", 20000L), null),
                Fixtures.v1(), Fixtures.devices());
        ContainerInputs in = inputs(container());
        in = new ContainerInputs(in.spec(), in.rootfs(), in.pod(), null, in.cgroupsPath(), in.podShm(), List.of(
                new Rlimit("RLIMIT_NOFILE", 1048576, 65536), new Rlimit("RLIMIT_CORE", -1, -1),
                new Rlimit("RLIMIT_NPROC", 100, 50)));
        BuiltSpec s = b.container(in);
        assertEquals(List.of(new Rlimit("RLIMIT_NOFILE", 20000, 20000), new Rlimit("RLIMIT_CORE", -1, -1),
                new Rlimit("RLIMIT_NPROC", 100, 50)), s.spec().process().rlimits());
        assertEquals(Kind.RLIMIT_CLAMPED, s.warnings().get(0).kind());
        ContainerInputs bad = new ContainerInputs(in.spec(), in.rootfs(), in.pod(), null, null, null,
                List.of(new Rlimit("RLIMIT_FOO", 1, 1)));
        assertThrows(CriException.class, () -> b.container(bad));
    }

    @Test
    void devicesGetNodesAndCgroupRules() {
        OciLinux l = Fixtures.builder().container(inputs(container()
                .addDevices(Device.newBuilder().setHostPath("/dev/fuse").setContainerPath("/dev/fuse").setPermissions("rw"))
                .addDevices(Device.newBuilder().setHostPath("/dev/snd").setContainerPath("/dev/sound"))))
                .spec().linux();
        assertEquals(List.of("/dev/fuse", "/dev/sound/timer"), l.devices().stream().map(OciLinux.Device::path).toList());
        List<DeviceRule> rules = l.resources().devices();
        assertEquals(DeviceRule.denyAll(), rules.get(0));
        assertTrue(rules.contains(new DeviceRule(true, "c", 1L, 3L, "rwm")), "/dev/null stays usable");
        assertTrue(rules.contains(new DeviceRule(true, "c", 10L, 229L, "rw")));
        assertTrue(rules.contains(new DeviceRule(true, "c", 116L, 33L, "rwm")));
    }

    @Test
    void unknownDeviceOrBadPermissionsAreInvalid() {
        for (Device.Builder d : List.of(Device.newBuilder().setHostPath("/dev/nope"),
                Device.newBuilder().setHostPath("/dev/fuse").setPermissions("rwx"),
                Device.newBuilder().setHostPath("/dev/fuse").setContainerPath("dev/fuse"))) {
            assertEquals(CriException.Kind.INVALID_ARGUMENT, assertThrows(CriException.class,
                    () -> Fixtures.builder().container(inputs(container().addDevices(d)))).kind());
        }
    }
}
