package dev.janus.guest.agent.storage;

import dev.janus.guest.agent.sys.Busybox;
import dev.janus.guest.agent.sys.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** mount and umount through busybox, and what /proc/self/mountinfo says is mounted. */
public final class Mounts {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Busybox busybox;

    public Mounts(Busybox busybox) {
        this.busybox = busybox;
    }

    public void mount(String fsType, String source, Path target, List<String> options) {
        List<String> args = new ArrayList<>(List.of("-t", fsType));
        if (!options.isEmpty()) {
            args.add("-o");
            args.add(String.join(",", options));
        }
        args.add(source);
        args.add(target.toString());
        Command.check(TIMEOUT, busybox.argv("mount", args));
    }

    /** Unmounts if mounted; a busy mount fails with the kernel's reason. */
    public void unmount(Path target) {
        if (isMountPoint(target)) {
            Command.check(TIMEOUT, busybox.argv("umount", target.toString()));
        }
    }

    /** Detaches now even if busy (the shutdown path, and a delete after a forced kill). */
    public void unmountLazily(Path target) {
        if (isMountPoint(target)) {
            Command.run(TIMEOUT, busybox.argv("umount", "-l", target.toString()));
        }
    }

    public static boolean isMountPoint(Path target) {
        return mountPoints().contains(target.toAbsolutePath().normalize().toString());
    }

    /** Every mount point of this mount namespace. */
    public static Set<String> mountPoints() {
        Set<String> points = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    points.add(unescape(fields[4]));
                }
            }
        } catch (IOException e) {
            // no /proc: nothing known to be mounted
        }
        return points;
    }

    /**
     * Whether / is the initramfs (type rootfs or ramfs), where pivot_root(2) fails with EINVAL:
     * the runtime must then run containers with --no-pivot (a move mount and chroot).
     */
    public static boolean rootIsInitramfs() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                int separator = line.indexOf(" - ");
                if (fields.length > 4 && fields[4].equals("/") && separator > 0) {
                    String type = line.substring(separator + 3).split(" ")[0];
                    return type.equals("rootfs") || type.equals("ramfs");
                }
            }
        } catch (IOException e) {
            // no /proc: assume a normal root
        }
        return false;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
