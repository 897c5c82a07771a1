package dev.janus.isolation.uvm;

import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ocispec.BuiltSpec;
import dev.janus.isolation.ocispec.ContainerInputs;
import dev.janus.isolation.ocispec.HostDevices;
import dev.janus.isolation.ocispec.HostFeatures;
import dev.janus.isolation.ocispec.HostLimits;
import dev.janus.isolation.ocispec.OciSpecBuilder;
import dev.janus.isolation.ocispec.PodNamespaces;
import dev.janus.isolation.ocispec.SpecWarning;
import dev.janus.isolation.ocispec.model.OciJson;
import dev.janus.isolation.ocispec.model.OciLinux;
import dev.janus.isolation.ocispec.model.OciResources;
import dev.janus.isolation.ocispec.model.OciSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCI specs for containers in the guest, built on the host by the same builder as runc's. The
 * guest is its own kernel, so none of the host's clamps apply (root in the guest holds every
 * capability), cgroups are v2, and devices are the guest's. The VM is the pod: containers share
 * its network, IPC and UTS namespaces (no namespace entry), and its pid namespace for a POD pid
 * mode. The rootfs is {@code rootfs} in the bundle, as the agent assembles it.
 */
final class GuestSpecs {

    private static final Logger LOG = LoggerFactory.getLogger(GuestSpecs.class);

    private final OciSpecBuilder builder;
    private final Set<SpecWarning.Kind> warned = ConcurrentHashMap.newKeySet();

    GuestSpecs(String guestKernelRelease) {
        // no swap in the guest, no hugetlb controller, crun 1.8 has no rro mounts
        HostFeatures guest = new HostFeatures(HostFeatures.CgroupVersion.V2, "amd64", guestKernelRelease,
                false, false, false);
        this.builder = new OciSpecBuilder(HostLimits.unlimited(), guest, HostDevices.none());
    }

    /**
     * @param spec with the guest's pod files and mount sources already in place
     * @param imageRoot the image as the container will see it (for user and group names)
     * @param targetPid the guest pid of the container whose pid namespace a TARGET mode joins
     */
    byte[] container(ContainerSpec spec, Path imageRoot, int targetPid) {
        String targetNs = targetPid > 0 ? "/proc/" + targetPid + "/ns/pid" : null;
        BuiltSpec built = builder.container(new ContainerInputs(spec, imageRoot, PodNamespaces.host(), targetNs,
                GuestPaths.cgroupsPath(spec.id()), null, List.of()));
        for (SpecWarning warning : built.warnings()) {
            if (warned.add(warning.kind())) {
                LOG.warn("{} (logged once)", warning.message());
            }
        }
        OciSpec oci = built.spec();
        return OciJson.write(new OciSpec(oci.ociVersion(), oci.process(), new OciSpec.Root("rootfs",
                oci.root().readonly()), oci.hostname(), oci.mounts(), oci.linux(), oci.annotations()));
    }

    /** linux.resources for UPDATE_RESOURCES (device rules are never touched by an update). */
    byte[] resources(LinuxContainerResources resources) {
        return builder.resourcesJson(resources).getBytes(StandardCharsets.UTF_8);
    }

    /** A stored spec with new resources, its device rules kept: for a container created but not started. */
    byte[] withResources(byte[] specJson, LinuxContainerResources resources) {
        OciSpec oci = OciJson.read(specJson);
        OciLinux linux = oci.linux();
        OciResources fresh = OciJson.read(("{\"linux\":{\"resources\":"
                + builder.resourcesJson(resources) + "}}").getBytes(StandardCharsets.UTF_8)).linux().resources();
        List<OciResources.DeviceRule> devices = linux.resources() == null ? List.of() : linux.resources().devices();
        OciResources merged = new OciResources(devices, fresh.memory(), fresh.cpu(), fresh.pids(),
                fresh.hugepageLimits(), fresh.unified());
        OciLinux updated = new OciLinux(linux.namespaces(), linux.uidMappings(), linux.gidMappings(), merged,
                linux.cgroupsPath(), linux.sysctl(), linux.seccomp(), linux.devices(), linux.maskedPaths(),
                linux.readonlyPaths(), linux.rootfsPropagation(), linux.mountLabel());
        return OciJson.write(new OciSpec(oci.ociVersion(), oci.process(), oci.root(), oci.hostname(), oci.mounts(),
                updated, oci.annotations()));
    }
}
