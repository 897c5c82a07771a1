package dev.janus.isolation.ocispec;

import dev.janus.isolation.ocispec.model.OciMount;
import java.nio.file.Path;
import java.util.List;

/**
 * The filesystems every container gets before its own mounts, as containerd's CRI lays them out.
 * Privileged containers get /sys and /sys/fs/cgroup writable.
 */
final class DefaultMounts {

    static final String DEV_SHM = "/dev/shm";

    private DefaultMounts() {
    }

    static List<OciMount> container(boolean privileged) {
        String mode = privileged ? "rw" : "ro";
        return List.of(
                proc(),
                dev(),
                devPts(),
                mqueue(),
                new OciMount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", mode)),
                // type "cgroup" works on both versions: runc binds the v1 hierarchies or mounts cgroup2.
                new OciMount("/sys/fs/cgroup", "cgroup", "cgroup",
                        List.of("nosuid", "noexec", "nodev", "relatime", mode)));
    }

    /** The pause process's: no cgroup view (it reads nothing), a read-only /sys. */
    static List<OciMount> sandbox() {
        return List.of(proc(), dev(), devPts(), mqueue(),
                new OciMount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
    }

    /** The pod's shm (a tmpfs the backend mounted) or, for hostIPC, the host's /dev/shm. */
    static OciMount shm(Path podShm, boolean readonly) {
        String source = podShm == null ? DEV_SHM : podShm.toString();
        return new OciMount(DEV_SHM, "bind", source,
                List.of("rbind", "rprivate", readonly ? "ro" : "rw", "nosuid", "nodev", "noexec"));
    }

    private static OciMount proc() {
        return new OciMount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
    }

    private static OciMount dev() {
        return new OciMount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
    }

    private static OciMount devPts() {
        return new OciMount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
    }

    private static OciMount mqueue() {
        return new OciMount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
    }
}
