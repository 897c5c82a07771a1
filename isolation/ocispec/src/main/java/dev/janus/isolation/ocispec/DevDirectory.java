package dev.janus.isolation.ocispec;

import dev.janus.isolation.ocispec.model.OciLinux.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** {@link HostDevices} read from a real /dev with stat (the JDK's {@code unix:} attributes). */
public final class DevDirectory implements HostDevices {

    // Directories a privileged container gets on its own (devpts, its shm, mqueue) or that hold
    // no device of the host's (fd links, runtime bookkeeping).
    private static final Set<String> SKIPPED = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");
    // The console belongs to the container's terminal, which runc sets up itself.
    private static final Set<String> SKIPPED_FILES = Set.of("console");

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private final Path root;

    public DevDirectory(Path root) {
        this.root = root;
    }

    /** The host's /dev. */
    public static DevDirectory host() {
        return new DevDirectory(Path.of("/dev"));
    }

    @Override
    public List<Device> all() {
        List<Device> out = new ArrayList<>();
        walk(root, out, true);
        return out;
    }

    @Override
    public List<Device> at(String hostPath) {
        Path p;
        try {
            p = Path.of(hostPath).toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        if (Files.isDirectory(p)) {
            List<Device> below = new ArrayList<>();
            walk(p, below, false);
            String base = hostPath.endsWith("/") ? hostPath.substring(0, hostPath.length() - 1) : hostPath;
            Path real = p;
            return below.stream().map(d -> d.at(base + "/" + real.relativize(Path.of(d.path())))).toList();
        }
        Device d = device(p);
        return d == null ? List.of() : List.of(d.at(hostPath));
    }

    private void walk(Path dir, List<Device> out, boolean skipSpecial) {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (!(skipSpecial && SKIPPED.contains(name))) {
                        walk(p, out, false);
                    }
                } else if (!(skipSpecial && SKIPPED_FILES.contains(name))) {
                    Device d = device(p);
                    if (d != null) {
                        out.add(d);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list host devices in " + dir, e);
        }
    }

    /** The node at p, or null when p is no character or block device. */
    static Device device(Path p) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        int mode = (Integer) a.get("mode");
        String type = switch (mode & S_IFMT) {
            case S_IFCHR -> "c";
            case S_IFBLK -> "b";
            default -> null;
        };
        if (type == null) {
            return null;
        }
        long rdev = (Long) a.get("rdev");
        return new Device(p.toString(), type, major(rdev), minor(rdev), mode & 07777,
                ((Integer) a.get("uid")).longValue(), ((Integer) a.get("gid")).longValue());
    }

    // glibc's encoding of dev_t (gnu_dev_major / gnu_dev_minor).
    static long major(long dev) {
        return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
    }

    static long minor(long dev) {
        return (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
    }
}
