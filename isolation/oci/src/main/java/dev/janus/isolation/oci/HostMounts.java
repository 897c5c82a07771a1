package dev.janus.isolation.oci;

import com.sun.jna.Native;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The host-side mounts of this backend: a container's overlayfs root and a pod's /dev/shm
 * tmpfs. Unmounting what is not mounted succeeds, so teardown can always be repeated.
 */
final class HostMounts {

    private static final int EINVAL = 22;
    private static final int ENOENT = 2;
    private static final long SHM_BYTES = 64L << 20;

    private HostMounts() {
    }

    /** Stacks {@code lowers} (top-most first) under a writable upper dir at {@code target}. */
    static void overlay(List<Path> lowers, Path upper, Path work, Path target) {
        String lowerdir = lowers.stream().map(Path::toString).collect(Collectors.joining(":"));
        String options = "lowerdir=" + lowerdir + ",upperdir=" + upper + ",workdir=" + work;
        if (options.length() >= 4096) {
            throw CriException.invalid("image has too many layers to stack (%d): the overlayfs options"
                    + " exceed one page", lowers.size());
        }
        mount("overlay", target, "overlay", 0, options);
    }

    /** A pod's private /dev/shm, as containerd makes it: 64 MiB, no devices, no setuid, no exec. */
    static void shm(Path target) {
        mount("shm", target, "tmpfs", LibC.MS_NOSUID | LibC.MS_NODEV | LibC.MS_NOEXEC,
                "mode=1777,size=" + SHM_BYTES);
    }

    private static void mount(String source, Path target, String type, long flags, String data) {
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw CriException.internal("cannot create mount point " + target, e);
        }
        if (LibC.INSTANCE.mount(source, target.toString(), type, flags, data) != 0) {
            int errno = Native.getLastError();
            throw CriException.internal("mount of " + type + " at " + target + " failed: errno " + errno, null);
        }
    }

    /** Detaches whatever is mounted at {@code target}, lazily if it is busy; absent is fine. */
    static void unmount(Path target) {
        while (LibC.INSTANCE.umount2(target.toString(), LibC.MNT_DETACH) == 0) {
            // stacked mounts: repeat until nothing is mounted there
        }
        int errno = Native.getLastError();
        if (errno != EINVAL && errno != ENOENT) {
            throw CriException.internal("unmount of " + target + " failed: errno " + errno, null);
        }
    }
}
