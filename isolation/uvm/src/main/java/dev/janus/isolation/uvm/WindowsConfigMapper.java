package dev.janus.isolation.uvm;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Int64Value;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.SecurityProfile;
import dev.janus.cri.api.WindowsContainerResources;
import dev.janus.cri.errors.CriException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a container config as kubelet on a Windows node sends it (a {@code windows} section,
 * container paths with a drive letter, no {@code linux} section) into the Linux-shaped config a
 * linux-vm pod runs. Pure; the rules are in this package's README.md. A Linux config passes
 * through unchanged, so the handler maps every config.
 */
public final class WindowsConfigMapper {

    /** The CFS period Linux uses by default; quotas are expressed against it. */
    static final long CPU_PERIOD = 100_000;
    static final long MAX_SHARES = 262_144;
    static final long MIN_SHARES = 2;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:(?=$|[\\\\/])");
    private static final String CONTAINER_ADMINISTRATOR = "ContainerAdministrator";

    private final int nodeCpus;

    /** @param nodeCpus the node's logical CPUs: kubelet on Windows expresses cpu_maximum against them */
    public WindowsConfigMapper(int nodeCpus) {
        if (nodeCpus < 1) {
            throw new IllegalArgumentException("nodeCpus must be positive");
        }
        this.nodeCpus = nodeCpus;
    }

    public ContainerConfig toLinux(ContainerConfig config) {
        if (config.getWindows().getSecurityContext().getHostProcess()) {
            throw CriException.invalid("container %s is a Windows HostProcess container: it cannot run in a Linux VM",
                    config.getMetadata().getName());
        }
        ContainerConfig.Builder out = config.toBuilder().clearWindows().clearDevices()
                .setWorkingDir(linuxPath(config.getWorkingDir()));
        config.getDevicesList().stream().filter(d -> d.getContainerPath().startsWith("/")).forEach(out::addDevices);
        out.clearMounts();
        for (Mount mount : config.getMountsList()) {
            out.addMounts(mount.toBuilder().setContainerPath(linuxPath(mount.getContainerPath())));
        }
        if (!config.hasLinux()) {
            out.setLinux(LinuxContainerConfig.newBuilder().setSecurityContext(defaultSecurity(config)));
        }
        if (!config.getLinux().hasResources() && config.getWindows().hasResources()) {
            out.getLinuxBuilder().setResources(resources(config.getWindows().getResources()));
        }
        return out.build();
    }

    /** The scratch disk a Windows rootfs size asks for, in whole GiB; empty when it names none. */
    public static OptionalInt rootfsGib(ContainerConfig config) {
        long bytes = config.getWindows().getResources().getRootfsSizeInBytes();
        if (bytes <= 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.min(1024, (bytes + (1L << 30) - 1) >> 30));
    }

    /** Windows CPU and memory controls as cgroup settings. */
    LinuxContainerResources resources(WindowsContainerResources windows) {
        LinuxContainerResources.Builder linux = LinuxContainerResources.newBuilder()
                .setMemoryLimitInBytes(Math.max(0, windows.getMemoryLimitInBytes()));
        // Windows applies one CPU control: count first, then shares, then maximum
        if (windows.getCpuCount() > 0) {
            linux.setCpuPeriod(CPU_PERIOD).setCpuQuota(windows.getCpuCount() * CPU_PERIOD);
        } else if (windows.getCpuShares() > 0) {
            long shares = Math.min(10_000, windows.getCpuShares()) * MAX_SHARES / 10_000;
            linux.setCpuShares(Math.max(MIN_SHARES, shares));
        } else if (windows.getCpuMaximum() > 0) {
            long maximum = Math.min(10_000, windows.getCpuMaximum());
            linux.setCpuPeriod(CPU_PERIOD).setCpuQuota(Math.max(1_000, maximum * nodeCpus * CPU_PERIOD / 10_000));
        }
        return linux.build();
    }

    /**
     * {@code C:\a\b}, {@code c:/a/b} and {@code \a\b} become {@code /a/b}; a bare drive is
     * {@code /}; a Linux path stays as it is.
     */
    public static String linuxPath(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        Matcher drive = DRIVE.matcher(path);
        String rest = drive.find() ? path.substring(drive.end()) : path;
        if (rest.indexOf('\\') < 0 && rest.length() == path.length()) {
            return path;
        }
        String slashed = rest.replace('\\', '/');
        return slashed.startsWith("/") ? slashed : "/" + slashed;
    }

    /** A hostNetwork pod, whether a Linux or a Windows kubelet said so. */
    public static boolean hostNetwork(PodSandboxConfig config) {
        return config.getLinux().getSecurityContext().getNamespaceOptions().getNetwork() == NamespaceMode.NODE
                || config.getWindows().getSecurityContext().getNamespaceOptions().getNetwork() == NamespaceMode.NODE;
    }

    /**
     * What a Windows kubelet leaves out: a pid namespace per container (Kubernetes' default),
     * the runtime's seccomp profile, and root for ContainerAdministrator (another Windows account
     * means nothing in a Linux image: the image's user runs).
     */
    private static LinuxContainerSecurityContext defaultSecurity(ContainerConfig config) {
        LinuxContainerSecurityContext.Builder security = LinuxContainerSecurityContext.newBuilder()
                .setNamespaceOptions(NamespaceOption.newBuilder().setPid(NamespaceMode.CONTAINER))
                .setSeccomp(SecurityProfile.newBuilder().setProfileType(SecurityProfile.ProfileType.RuntimeDefault));
        if (CONTAINER_ADMINISTRATOR.equalsIgnoreCase(config.getWindows().getSecurityContext().getRunAsUsername())) {
            security.setRunAsUser(Int64Value.newBuilder().setValue(0));
        }
        return security.build();
    }
}
