package dev.janus.isolation.ocispec;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.LinuxSandboxSecurityContext;
import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ocispec.Devices.DevicePlan;
import dev.janus.isolation.ocispec.MountMapper.MountPlan;
import dev.janus.isolation.ocispec.model.OciLinux;
import dev.janus.isolation.ocispec.model.OciMount;
import dev.janus.isolation.ocispec.model.OciProcess;
import dev.janus.isolation.ocispec.model.OciSeccomp;
import dev.janus.isolation.ocispec.model.OciSpec;
import dev.janus.isolation.ocispec.model.OciJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a CRI container or sandbox config into an OCI runtime spec, the way containerd's CRI
 * plugin does. Pure: it runs nothing and mounts nothing; it reads only the image's /etc/passwd
 * and /etc/group (inside the rootfs), a localhost seccomp profile, and host devices through
 * {@link HostDevices}. Invalid requests fail with {@link CriException} (INVALID_ARGUMENT, or
 * UNIMPLEMENTED for what Janus does not support); what the host cannot grant is clamped and
 * reported in {@link BuiltSpec#warnings()}.
 */
public final class OciSpecBuilder {

    /** catatonit's pause mode: no child, just reap and wait for the stop signal. */
    public static final List<String> PAUSE_ARGS = List.of("/pause", "-P");
    /** containerd's pause oom_score_adj: the last process the OOM killer should pick. */
    public static final int SANDBOX_OOM_SCORE_ADJ = -998;

    private final HostLimits limits;
    private final HostFeatures features;
    private final HostDevices devices;

    public OciSpecBuilder(HostLimits limits, HostFeatures features, HostDevices devices) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.features = Objects.requireNonNull(features, "features");
        this.devices = Objects.requireNonNull(devices, "devices");
    }

    /** The spec of one container of a pod. */
    public BuiltSpec container(ContainerInputs in) {
        Warnings w = new Warnings();
        ContainerSpec spec = in.spec();
        ContainerConfig cfg = spec.config();
        PodSandboxConfig pod = spec.sandboxConfig();
        LinuxContainerSecurityContext sc = cfg.getLinux().getSecurityContext();
        boolean privileged = sc.getPrivileged();
        if (privileged && !pod.getLinux().getSecurityContext().getPrivileged()) {
            throw CriException.invalid("container %s is privileged but its sandbox is not", name(cfg));
        }
        List<OciLinux.Namespace> namespaces = Namespaces.container(sc.getNamespaceOptions(), in.pod(),
                in.targetPidNamespace(), privileged, features);

        OciProcess.Capabilities caps = Capabilities.container(sc.getCapabilities(), privileged, limits, w);
        OciSeccomp seccomp = SeccompProfiles.filter(
                SeccompProfiles.choose(sc.hasSeccomp() ? sc.getSeccomp() : null, sc.getSeccompProfilePath()),
                privileged, caps.bounding(), features, w);
        LsmOptions.apparmor(sc.hasApparmor() ? sc.getApparmor() : null, sc.getApparmorProfile(), w);
        LsmOptions.selinux(sc.hasSelinuxOptions() ? sc.getSelinuxOptions() : null, w);

        LinuxContainerResources res = cfg.getLinux().hasResources() ? cfg.getLinux().getResources() : null;
        OciProcess process = new OciProcess(cfg.getTty(),
                UserResolver.container(in.rootfs(), sc, spec.image().user()),
                ProcessArgs.argv(cfg, spec.image()),
                EnvMerger.merge(pod.getHostname(), spec.image().env(), cfg.getEnvsList()),
                ProcessArgs.cwd(cfg, spec.image()), caps, Rlimits.clamp(in.rlimits(), limits, w),
                sc.getNoNewPrivs(), res == null ? null : Resources.oomScoreAdj(res.getOomScoreAdj(), limits, w),
                null, null);

        MountPlan mounts = MountMapper.container(cfg, privileged, sc.getReadonlyRootfs(), spec.podFiles(),
                in.podShm(), features);
        DevicePlan devs = Devices.container(cfg.getDevicesList(), privileged, devices);
        OciLinux linux = new OciLinux(namespaces, null, null,
                Resources.container(res, devs.rules(), features, w), in.cgroupsPath(), null, seccomp,
                devs.nodes(), SecurityPaths.masked(sc.getMaskedPathsList(), privileged),
                SecurityPaths.readonly(sc.getReadonlyPathsList(), privileged), mounts.rootfsPropagation(), null);
        String image = cfg.getImage().getUserSpecifiedImage().isEmpty()
                ? cfg.getImage().getImage() : cfg.getImage().getUserSpecifiedImage();
        OciSpec oci = new OciSpec(OciSpec.VERSION, process,
                new OciSpec.Root(in.rootfs().toString(), sc.getReadonlyRootfs()), null, mounts.mounts(), linux,
                CriAnnotations.container(spec.sandboxId(), cfg.getMetadata().getName(), image, pod));
        return new BuiltSpec(oci, w.list());
    }

    /**
     * New cgroup limits for a running container (UpdateContainerResources), as the OCI
     * {@code linux.resources} JSON that {@code runc update --resources -} reads. Device rules are
     * left out: an update must not touch them.
     */
    public String resourcesJson(LinuxContainerResources resources) {
        return OciJson.writeString(Resources.container(resources, List.of(), features, new Warnings()));
    }

    /** The spec of a pod's pause process, which holds the pod's namespaces. */
    public BuiltSpec sandbox(SandboxInputs in) {
        Warnings w = new Warnings();
        PodSandboxConfig pod = in.spec().config();
        LinuxSandboxSecurityContext sc = pod.getLinux().getSecurityContext();
        NamespaceOption nsOpts = sc.getNamespaceOptions();
        boolean hostNetwork = nsOpts.getNetwork() == NamespaceMode.NODE;
        List<OciLinux.Namespace> namespaces = Namespaces.sandbox(nsOpts, in.spec().netnsPath());

        OciSeccomp seccomp = SeccompProfiles.filter(
                SeccompProfiles.choose(sc.hasSeccomp() ? sc.getSeccomp() : null, sc.getSeccompProfilePath()),
                sc.getPrivileged(), List.of(), features, w);
        LsmOptions.apparmor(sc.hasApparmor() ? sc.getApparmor() : null, "", w);
        LsmOptions.selinux(sc.hasSelinuxOptions() ? sc.getSelinuxOptions() : null, w);

        OciProcess process = new OciProcess(false, UserResolver.sandbox(sc), PAUSE_ARGS,
                List.of(EnvMerger.DEFAULT_PATH), "/", Capabilities.none(), Rlimits.clamp(in.rlimits(), limits, w),
                true, Resources.oomScoreAdj(SANDBOX_OOM_SCORE_ADJ, limits, w), null, null);

        List<OciMount> mounts = new ArrayList<>(DefaultMounts.sandbox());
        mounts.add(DefaultMounts.shm(in.podShm(), true));
        mounts.add(new OciMount("/pause", "bind", in.pauseBinary().toString(),
                List.of("rbind", "rprivate", "ro", "nosuid", "nodev")));
        OciLinux linux = new OciLinux(namespaces, null, null, Resources.sandbox(), in.cgroupsPath(),
                Sysctls.forSandbox(pod.getLinux().getSysctlsMap(), nsOpts), seccomp, null,
                SecurityPaths.DEFAULT_MASKED, SecurityPaths.DEFAULT_READONLY, null, null);
        OciSpec oci = new OciSpec(OciSpec.VERSION, process, new OciSpec.Root(in.rootfs().toString(), true),
                hostNetwork || pod.getHostname().isEmpty() ? null : pod.getHostname(), mounts, linux,
                CriAnnotations.sandbox(in.spec().id(), pod));
        return new BuiltSpec(oci, w.list());
    }

    private static String name(ContainerConfig cfg) {
        return "\"" + cfg.getMetadata().getName() + "\"";
    }
}
