package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.Device;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.KeyValue;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.SecurityProfile;
import dev.janus.cri.api.WindowsContainerConfig;
import dev.janus.cri.api.WindowsContainerResources;
import dev.janus.cri.api.WindowsContainerSecurityContext;
import dev.janus.cri.api.WindowsNamespaceOption;
import dev.janus.cri.api.WindowsPodSandboxConfig;
import dev.janus.cri.api.WindowsSandboxSecurityContext;
import dev.janus.cri.errors.CriException;
import org.junit.jupiter.api.Test;

/** Container configs as kubelet on a Windows node sends them, mapped for a Linux VM. */
class WindowsConfigMapperTest {

    private final WindowsConfigMapper mapper = new WindowsConfigMapper(4);

    /**
     * kubelet 1.29 on Windows Server 2022, for a pod with a 500m CPU / 256Mi limit, a projected
     * service account token, the termination log and a working dir: no linux section, drive
     * letters in container paths, Windows host paths, a GPU device class.
     */
    static ContainerConfig fromWindowsKubelet() {
        return ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName("app"))
                .setImage(ImageSpec.newBuilder().setImage("registry.local/app:1"))
                .addCommand("/app/server")
                .setWorkingDir("C:\\app\\work")
                .addEnvs(KeyValue.newBuilder().setKey("KUBERNETES_SERVICE_HOST").setValue(com.google.protobuf.ByteString.copyFromUtf8("10.96.0.1")))
                .addMounts(Mount.newBuilder()
                        .setContainerPath("c:\\var\\run\\secrets\\kubernetes.io\\serviceaccount")
                        .setHostPath("c:\\var\\lib\\kubelet\\pods\\1f0e\\volumes\\kubernetes.io~projected\\kube-api-access-x")
                        .setReadonly(true))
                .addMounts(Mount.newBuilder().setContainerPath("C:/dev/termination-log")
                        .setHostPath("c:\\var\\lib\\kubelet\\pods\\1f0e\\containers\\app\\2e1c"))
                .addDevices(Device.newBuilder().setHostPath("class/5B45201D-F2F2-4F3B-85BB-30FF1F953599"))
                .setLogPath("app\\0.log")
                .setWindows(WindowsContainerConfig.newBuilder()
                        .setResources(WindowsContainerResources.newBuilder()
                                .setCpuMaximum(1250) // 10000 * 500m / 4 CPUs / 1000
                                .setMemoryLimitInBytes(256L << 20))
                        .setSecurityContext(WindowsContainerSecurityContext.newBuilder()
                                .setRunAsUsername("ContainerUser")))
                .build();
    }

    @Test
    void containerPathsLoseTheirDriveLetterAndBackslashes() {
        ContainerConfig linux = mapper.toLinux(fromWindowsKubelet());
        assertEquals("/app/work", linux.getWorkingDir());
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount", linux.getMounts(0).getContainerPath());
        assertEquals("/dev/termination-log", linux.getMounts(1).getContainerPath());
        assertEquals("c:\\var\\lib\\kubelet\\pods\\1f0e\\volumes\\kubernetes.io~projected\\kube-api-access-x",
                linux.getMounts(0).getHostPath(), "host paths are the host's: untouched");
        assertTrue(linux.getMounts(0).getReadonly());
        assertEquals("app\\0.log", linux.getLogPath(), "the log path is janusd's, on the host");
    }

    @Test
    void cpuMaximumIsAShareOfTheNodesCpusAndBecomesACfsQuota() {
        LinuxContainerResources r = mapper.toLinux(fromWindowsKubelet()).getLinux().getResources();
        assertEquals(100_000, r.getCpuPeriod());
        assertEquals(50_000, r.getCpuQuota(), "1250/10000 of 4 CPUs is half a CPU");
        assertEquals(256L << 20, r.getMemoryLimitInBytes());
        assertEquals(0, r.getCpuShares());
    }

    @Test
    void cpuCountWinsOverSharesAndMaximumAsOnWindows() {
        WindowsContainerResources all = WindowsContainerResources.newBuilder().setCpuCount(2).setCpuShares(5000)
                .setCpuMaximum(100).build();
        LinuxContainerResources r = mapper.resources(all);
        assertEquals(200_000, r.getCpuQuota());
        assertEquals(0, r.getCpuShares());
        LinuxContainerResources shares = mapper.resources(all.toBuilder().setCpuCount(0).build());
        assertEquals(131_072, shares.getCpuShares(), "half of Windows' weight range is half of Linux's");
        assertEquals(0, shares.getCpuQuota());
        assertEquals(WindowsConfigMapper.MAX_SHARES,
                mapper.resources(WindowsContainerResources.newBuilder().setCpuShares(10_000).build()).getCpuShares());
        assertEquals(26, mapper.resources(WindowsContainerResources.newBuilder().setCpuShares(1).build()).getCpuShares());
    }

    @Test
    void missingLinuxSectionGetsKubernetesDefaults() {
        var security = mapper.toLinux(fromWindowsKubelet()).getLinux().getSecurityContext();
        assertEquals(NamespaceMode.CONTAINER, security.getNamespaceOptions().getPid());
        assertEquals(SecurityProfile.ProfileType.RuntimeDefault, security.getSeccomp().getProfileType());
        assertFalse(security.getPrivileged());
        assertFalse(security.hasRunAsUser(), "ContainerUser means nothing in a Linux image: the image's user runs");
    }

    @Test
    void containerAdministratorRunsAsRoot() {
        ContainerConfig admin = fromWindowsKubelet().toBuilder().setWindows(fromWindowsKubelet().getWindows()
                .toBuilder().setSecurityContext(WindowsContainerSecurityContext.newBuilder()
                        .setRunAsUsername("ContainerAdministrator"))).build();
        var security = mapper.toLinux(admin).getLinux().getSecurityContext();
        assertEquals(0, security.getRunAsUser().getValue());
    }

    @Test
    void windowsOnlyPartsAreDropped() {
        ContainerConfig linux = mapper.toLinux(fromWindowsKubelet());
        assertFalse(linux.hasWindows());
        assertEquals(0, linux.getDevicesCount(), "a Windows device class has no Linux meaning");
    }

    @Test
    void hostProcessContainersAreRefused() {
        ContainerConfig hostProcess = fromWindowsKubelet().toBuilder().setWindows(WindowsContainerConfig.newBuilder()
                .setSecurityContext(WindowsContainerSecurityContext.newBuilder().setHostProcess(true))).build();
        CriException e = assertThrows(CriException.class, () -> mapper.toLinux(hostProcess));
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind());
    }

    @Test
    void aLinuxConfigPassesThroughUnchanged() {
        ContainerConfig linux = ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName("app"))
                .setWorkingDir("/srv")
                .addMounts(Mount.newBuilder().setContainerPath("/data").setHostPath("/var/lib/data"))
                .addDevices(Device.newBuilder().setContainerPath("/dev/fuse").setHostPath("/dev/fuse"))
                .setLinux(LinuxContainerConfig.newBuilder().setResources(LinuxContainerResources.newBuilder()
                        .setCpuShares(512)))
                .build();
        assertEquals(linux, mapper.toLinux(linux));
    }

    @Test
    void aLinuxResourcesSectionWinsOverTheWindowsOne() {
        ContainerConfig both = fromWindowsKubelet().toBuilder().setLinux(LinuxContainerConfig.newBuilder()
                .setResources(LinuxContainerResources.newBuilder().setMemoryLimitInBytes(1 << 30))).build();
        LinuxContainerResources r = mapper.toLinux(both).getLinux().getResources();
        assertEquals(1 << 30, r.getMemoryLimitInBytes());
        assertEquals(0, r.getCpuQuota());
    }

    @Test
    void pathForms() {
        assertEquals("/a/b", WindowsConfigMapper.linuxPath("C:\\a\\b"));
        assertEquals("/a/b", WindowsConfigMapper.linuxPath("c:/a/b"));
        assertEquals("/a/b", WindowsConfigMapper.linuxPath("\\a\\b"));
        assertEquals("/", WindowsConfigMapper.linuxPath("D:"));
        assertEquals("/", WindowsConfigMapper.linuxPath("D:\\"));
        assertEquals("/usr/local", WindowsConfigMapper.linuxPath("/usr/local"));
        assertEquals("relative/dir", WindowsConfigMapper.linuxPath("relative/dir"));
        assertEquals("C:data", WindowsConfigMapper.linuxPath("C:data"), "drive-relative: not a container path");
        assertEquals("", WindowsConfigMapper.linuxPath(""));
    }

    @Test
    void rootfsSizeSizesTheScratchDisk() {
        ContainerConfig sized = fromWindowsKubelet().toBuilder().setWindows(fromWindowsKubelet().getWindows()
                .toBuilder().setResources(WindowsContainerResources.newBuilder()
                        .setRootfsSizeInBytes((20L << 30) + 1))).build();
        assertEquals(21, WindowsConfigMapper.rootfsGib(sized).getAsInt());
        assertTrue(WindowsConfigMapper.rootfsGib(fromWindowsKubelet()).isEmpty());
    }

    @Test
    void hostNetworkIsSeenInEitherSection() {
        PodSandboxConfig windowsHostNetwork = PodSandboxConfig.newBuilder().setWindows(WindowsPodSandboxConfig
                .newBuilder().setSecurityContext(WindowsSandboxSecurityContext.newBuilder()
                        .setNamespaceOptions(WindowsNamespaceOption.newBuilder().setNetwork(NamespaceMode.NODE))))
                .build();
        assertTrue(WindowsConfigMapper.hostNetwork(windowsHostNetwork));
        assertFalse(WindowsConfigMapper.hostNetwork(PodSandboxConfig.getDefaultInstance()));
        assertSame(NamespaceMode.POD, PodSandboxConfig.getDefaultInstance().getLinux().getSecurityContext()
                .getNamespaceOptions().getNetwork());
    }
}
