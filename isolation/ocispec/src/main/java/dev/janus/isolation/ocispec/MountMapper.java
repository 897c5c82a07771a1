package dev.janus.isolation.ocispec;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.MountPropagation;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.PodFiles;
import dev.janus.isolation.ocispec.model.OciMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A container's mounts: the defaults, then the CRI mounts and the pod's files (/etc/hosts,
 * /etc/resolv.conf, /etc/hostname, /dev/shm) ordered by depth so a parent never hides a child.
 * A CRI mount replaces a default or pod file at the same path; a CRI /dev replaces all of /dev.
 */
final class MountMapper {

    /** The mounts and the rootfs propagation they need (null: runc's default, rprivate). */
    record MountPlan(List<OciMount> mounts, String rootfsPropagation) {
    }

    // Bind options a CRI mount may add (mount_options); anything else would change the mount's kind.
    private static final Set<String> EXTRA_OPTIONS = Set.of("nosuid", "suid", "nodev", "dev", "noexec",
            "exec", "noatime", "atime", "nodiratime", "diratime", "relatime", "norelatime", "strictatime");

    private MountMapper() {
    }

    static MountPlan container(ContainerConfig config, boolean privileged, boolean readonlyRootfs,
            PodFiles files, Path podShm, HostFeatures host) {
        List<OciMount> requested = new ArrayList<>();
        Set<String> criTargets = new HashSet<>();
        String propagation = null;
        for (Mount m : config.getMountsList()) {
            String dst = ContainerPaths.clean("mount container_path", m.getContainerPath());
            if (dst.equals("/")) {
                throw CriException.invalid("a mount cannot replace the container's root (host_path %s)", m.getHostPath());
            }
            criTargets.add(dst);
            requested.add(bind(m, dst, host));
            propagation = stronger(propagation, m.getPropagation());
        }
        if (files != null) {
            podFile(requested, criTargets, "/etc/hostname", files.hostname(), readonlyRootfs);
            podFile(requested, criTargets, "/etc/hosts", files.hosts(), readonlyRootfs);
            podFile(requested, criTargets, "/etc/resolv.conf", files.resolvConf(), readonlyRootfs);
        }
        if (!criTargets.contains(DefaultMounts.DEV_SHM)) {
            requested.add(DefaultMounts.shm(podShm, false));
        }
        List<OciMount> out = new ArrayList<>();
        for (OciMount d : DefaultMounts.container(privileged)) {
            boolean replaced = criTargets.contains(d.destination())
                    || (criTargets.contains("/dev") && d.destination().startsWith("/dev/"));
            if (!replaced) {
                out.add(d);
            }
        }
        // List.sort is stable: equal depths keep the order they were given in.
        requested.sort(Comparator.comparingInt(m -> ContainerPaths.depth(m.destination())));
        out.addAll(requested);
        return new MountPlan(out, propagation);
    }

    private static OciMount bind(Mount m, String dst, HostFeatures host) {
        if (m.getUidMappingsCount() > 0 || m.getGidMappingsCount() > 0) {
            throw new CriException(CriException.Kind.UNIMPLEMENTED, "mount " + dst
                    + " asks for ID-mapped mounts, which need user namespaces: not supported by Janus yet");
        }
        String src = m.getHostPath();
        if (src.isEmpty()) {
            if (m.hasImage()) {
                throw new CriException(CriException.Kind.UNIMPLEMENTED, "mount " + dst
                        + " is an image volume: not supported by this runtime handler");
            }
            throw CriException.invalid("mount %s has no host_path", dst);
        }
        if (!src.startsWith("/")) {
            throw CriException.invalid("mount %s: host_path \"%s\" is not an absolute path", dst, src);
        }
        List<String> options = new ArrayList<>(List.of("rbind", propagationOption(m.getPropagation(), dst)));
        options.add(readOption(m, dst, host));
        for (String o : m.getMountOptionsList()) {
            if (!EXTRA_OPTIONS.contains(o)) {
                throw CriException.invalid("mount %s: unsupported mount option \"%s\"", dst, o);
            }
            options.add(o);
        }
        return new OciMount(dst, "bind", src, options);
    }

    private static String readOption(Mount m, String dst, HostFeatures host) {
        if (!m.getRecursiveReadOnly()) {
            return m.getReadonly() ? "ro" : "rw";
        }
        if (!m.getReadonly()) {
            throw CriException.invalid("mount %s: recursive_read_only needs readonly", dst);
        }
        if (m.getPropagation() != MountPropagation.PROPAGATION_PRIVATE) {
            throw CriException.invalid("mount %s: recursive_read_only needs private propagation, got %s",
                    dst, m.getPropagation());
        }
        if (!host.recursiveReadOnlyMounts()) {
            // Refuse: a plain "ro" would leave the submounts writable, which is not what was asked.
            throw new CriException(CriException.Kind.UNIMPLEMENTED, "mount " + dst
                    + ": recursive read-only mounts need an OCI runtime with the rro option (runc 1.2+)");
        }
        return "rro";
    }

    private static String propagationOption(MountPropagation p, String dst) {
        return switch (p) {
            case PROPAGATION_PRIVATE -> "rprivate";
            case PROPAGATION_HOST_TO_CONTAINER -> "rslave";
            case PROPAGATION_BIDIRECTIONAL -> "rshared";
            case UNRECOGNIZED -> throw CriException.invalid("mount %s: unknown propagation", dst);
        };
    }

    /** The rootfs must propagate at least as much as its most-propagating mount. */
    private static String stronger(String current, MountPropagation p) {
        return switch (p) {
            case PROPAGATION_BIDIRECTIONAL -> "rshared";
            case PROPAGATION_HOST_TO_CONTAINER -> "rshared".equals(current) ? current : "rslave";
            default -> current;
        };
    }

    private static void podFile(List<OciMount> out, Set<String> criTargets, String dst, Path src, boolean ro) {
        if (src != null && !criTargets.contains(dst)) {
            out.add(new OciMount(dst, "bind", src.toString(), List.of("rbind", "rprivate", ro ? "ro" : "rw")));
        }
    }
}
