package dev.janus.isolation.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A cgroup that janusd makes and puts processes in itself, not through an OCI runtime: the
 * cgroup of a pod's utility VM, under the pod's cgroup, so the pod's limits and kubelet's pod
 * accounting cover the VM. cgroupfs layout: on a v1 or hybrid host one directory per v1
 * controller (as runc sees such a host), on a unified host one directory in the v2 tree.
 */
public final class HostCgroup {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    /** What a VM's processes are accounted and limited by. */
    private static final List<String> V1_CONTROLLERS = List.of("cpu", "cpuacct", "cpuset", "memory", "pids", "blkio");
    private static final List<String> V2_CONTROLLERS = List.of("cpu", "cpuset", "io", "memory", "pids");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.:@=+-]{1,255}");

    private final String path;

    private HostCgroup(String path) {
        this.path = path;
    }

    /**
     * @param path cgroupfs form, {@code /kubepods/burstable/pod<uid>/<id>}
     * @throws IllegalArgumentException for a relative path, {@code .} or {@code ..} segments, or
     *     characters a cgroup name does not need: it becomes a directory path under /sys/fs/cgroup
     */
    public static HostCgroup of(String path) {
        if (path == null || !path.startsWith("/") || path.length() > 4096) {
            throw new IllegalArgumentException("a cgroup path must be absolute: " + path);
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in cgroup path " + path);
            }
        }
        return new HostCgroup(path);
    }

    /** {@code parent/name}, the parent empty for none: then under {@code /janus}, as runc pods go. */
    public static HostCgroup under(String parent, String name) {
        String base = parent == null || parent.isEmpty() ? "/janus" : parent.startsWith("/") ? parent : "/" + parent;
        return of(base + "/" + name);
    }

    public String path() {
        return path;
    }

    /** Makes the cgroup and its missing parents in every hierarchy that accounts it. */
    public void create() throws IOException {
        if (CgroupUsage.unifiedHost()) {
            createV2();
            return;
        }
        for (String controller : v1Controllers()) {
            Path dir = Files.createDirectories(v1Dir(controller));
            if (controller.equals("cpuset")) {
                inheritCpuset(dir);
            }
        }
    }

    /** The {@code cgroup.procs} files a process writes its pid to, to join the cgroup. */
    public List<Path> procsFiles() {
        if (CgroupUsage.unifiedHost()) {
            return List.of(v2Dir().resolve("cgroup.procs"));
        }
        List<Path> files = new ArrayList<>();
        for (String controller : v1Controllers()) {
            files.add(v1Dir(controller).resolve("cgroup.procs"));
        }
        return files;
    }

    /**
     * The command that runs {@code argv} inside this cgroup: a shell joins it, then execs, so
     * every page and CPU second of the process (and what it forks, such as a daemonizing QEMU)
     * is charged here from the first.
     */
    public List<String> wrap(List<String> argv) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                "for f in $1; do echo $$ > \"$f\" || exit 125; done; shift; exec \"$@\"", "sh",
                String.join(" ", procsFiles().stream().map(Path::toString).toList())));
        wrapped.addAll(argv);
        return wrapped;
    }

    /**
     * The memory limit in force here: this cgroup's own or, when it has none, the nearest
     * ancestor's; empty when nothing above limits it (or it does not exist yet).
     */
    public java.util.OptionalLong memoryLimit() {
        boolean unified = CgroupUsage.unifiedHost();
        Path base = unified ? ROOT : ROOT.resolve("memory");
        String file = unified ? "memory.max" : "memory.limit_in_bytes";
        for (Path dir = base.resolve(path.substring(1)); dir.startsWith(base); dir = dir.getParent()) {
            try {
                String text = Files.readString(dir.resolve(file)).strip();
                // v1 writes "no limit" as the largest page-aligned long, v2 as "max"
                if (!text.equals("max") && Long.parseLong(text) < (1L << 62)) {
                    return java.util.OptionalLong.of(Long.parseLong(text));
                }
            } catch (IOException | NumberFormatException e) {
                // not made yet, or no such file at this level: look further up
            }
            if (dir.equals(base)) {
                break;
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** How many processes the kernel's OOM killer ended in this cgroup (and below it); 0 when unknown. */
    public long oomKills() {
        boolean unified = CgroupUsage.unifiedHost();
        Path file = unified ? ROOT.resolve(path.substring(1)).resolve("memory.events")
                : ROOT.resolve("memory").resolve(path.substring(1)).resolve("memory.oom_control");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring("oom_kill ".length()).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or a kernel that does not count them
        }
        return 0;
    }

    /** CPU and memory usage now; null once the cgroup is gone. */
    public CgroupUsage usage() {
        return CgroupUsage.read(path);
    }

    /** Removes the cgroup (not its parents) from every hierarchy; false if some directory stays (busy). */
    public boolean remove() {
        List<Path> dirs = new ArrayList<>();
        if (CgroupUsage.unifiedHost()) {
            dirs.add(v2Dir());
        } else {
            v1Controllers().forEach(c -> dirs.add(v1Dir(c)));
        }
        boolean all = true;
        for (Path dir : dirs) {
            try {
                Files.deleteIfExists(dir); // rmdir: a cgroup's files are not real files
            } catch (IOException e) {
                all = false;
            }
        }
        return all;
    }

    private List<String> v1Controllers() {
        return V1_CONTROLLERS.stream().filter(c -> Files.isDirectory(ROOT.resolve(c))).toList();
    }

    private Path v1Dir(String controller) {
        return ROOT.resolve(controller).resolve(path.substring(1));
    }

    private Path v2Dir() {
        return ROOT.resolve(path.substring(1));
    }

    /** v1 leaves a new cpuset empty, and a task cannot join an empty cpuset: copy the parent's down. */
    private static void inheritCpuset(Path leaf) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path dir = leaf; dir != null && !dir.equals(ROOT.resolve("cpuset")); dir = dir.getParent()) {
            chain.addFirst(dir);
        }
        for (Path dir : chain) {
            for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
                Path own = dir.resolve(file);
                if (Files.exists(own) && Files.readString(own).isBlank()) {
                    Files.writeString(own, Files.readString(dir.getParent().resolve(file)).strip());
                }
            }
        }
    }

    /** Makes each missing level, enabling the controllers a VM needs for the level below. */
    private void createV2() throws IOException {
        Path dir = ROOT;
        for (String segment : path.substring(1).split("/")) {
            enableControllers(dir);
            dir = dir.resolve(segment);
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir);
            }
        }
    }

    private static void enableControllers(Path dir) {
        try {
            String available = Files.readString(dir.resolve("cgroup.controllers"));
            String enabled = Files.readString(dir.resolve("cgroup.subtree_control"));
            for (String controller : V2_CONTROLLERS) {
                if (available.contains(controller) && !List.of(enabled.split("\\s+")).contains(controller)) {
                    Files.writeString(dir.resolve("cgroup.subtree_control"), "+" + controller);
                }
            }
        } catch (IOException e) {
            // a controller that cannot be enabled here (another manager owns the level): the
            // cgroup still holds the VM, with what accounting this level allows
        }
    }
}
