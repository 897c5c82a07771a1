package dev.janus.isolation.ocispec;

import dev.janus.isolation.ocispec.model.OciSeccomp;
import dev.janus.isolation.ocispec.model.OciSeccomp.Arg;
import dev.janus.isolation.ocispec.model.OciSeccomp.Syscall;
import java.util.ArrayList;
import java.util.List;

/**
 * Janus' RuntimeDefault seccomp profile: everything is allowed except the syscalls a container
 * has no business making, which fail with EPERM (a deny list, so new harmless syscalls keep
 * working on newer kernels). Where a capability is what makes a syscall legitimate, a container
 * that was granted that capability keeps the syscall. ptrace is allowed: since Linux 4.8 the
 * filter is re-run after a tracer rewrites a syscall, so it no longer bypasses seccomp.
 */
final class DefaultSeccompProfile {

    static final int EPERM = 1;
    static final int ENOSYS = 38;

    /** One blocked group: the syscalls, what they return, the capabilities that unblock them, why. */
    record Block(List<String> names, int errno, List<String> unlessCaps, String why) {
    }

    static final List<Block> BLOCKS = List.of(
            new Block(List.of("init_module", "finit_module", "delete_module"), EPERM,
                    List.of("CAP_SYS_MODULE"), "a module runs as kernel code, outside every namespace"),
            new Block(List.of("kexec_load", "kexec_file_load"), EPERM,
                    List.of("CAP_SYS_BOOT"), "replaces the running kernel of the whole node"),
            new Block(List.of("reboot"), EPERM,
                    List.of("CAP_SYS_BOOT"), "halts or restarts the node; nothing in a pod needs it"),
            new Block(List.of("swapon", "swapoff"), EPERM,
                    List.of("CAP_SYS_ADMIN"), "swap is node-wide and not namespaced"),
            new Block(List.of("mount", "umount", "umount2", "pivot_root", "fsopen", "fsconfig",
                    "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr"), EPERM,
                    List.of("CAP_SYS_ADMIN"), "the runtime builds the filesystem tree; filesystem "
                            + "mount code is a common way out of a container"),
            new Block(List.of("bpf"), EPERM, List.of("CAP_BPF", "CAP_SYS_ADMIN"),
                    "verifier bugs give kernel code execution; maps and programs are node-wide"),
            new Block(List.of("perf_event_open"), EPERM, List.of("CAP_PERFMON", "CAP_SYS_ADMIN"),
                    "exposes node-wide performance data and has a long history of kernel bugs"),
            new Block(List.of("add_key", "keyctl", "request_key"), EPERM, List.of(),
                    "the kernel keyrings are not namespaced: other pods' keys are reachable by uid"),
            new Block(List.of("open_by_handle_at"), EPERM, List.of("CAP_DAC_READ_SEARCH"),
                    "opens any file of a filesystem by handle, past the mount namespace (the "
                            + "'shocker' escape)"),
            new Block(List.of("setns"), EPERM, List.of("CAP_SYS_ADMIN"),
                    "joins other namespaces; its type argument may be 0, so flags cannot be filtered"),
            new Block(List.of("clone3"), ENOSYS, List.of("CAP_SYS_ADMIN"),
                    "its flags sit in a struct seccomp cannot read; ENOSYS (not EPERM) makes libc "
                            + "fall back to clone, whose flags are filtered below"),
            new Block(List.of("userfaultfd"), EPERM, List.of("CAP_SYS_PTRACE"),
                    "pauses kernel page faults at will, the usual tool to win kernel races"),
            new Block(List.of("io_uring_setup", "io_uring_enter", "io_uring_register"), EPERM,
                    List.of(), "the largest single source of kernel privilege escalations in recent "
                            + "years; its operations also bypass seccomp"),
            new Block(List.of("acct"), EPERM, List.of("CAP_SYS_PACCT"), "process accounting is node-wide"),
            new Block(List.of("settimeofday", "clock_settime", "stime"), EPERM, List.of("CAP_SYS_TIME"),
                    "the clock is not namespaced: setting it moves the node's time"),
            new Block(List.of("iopl", "ioperm"), EPERM, List.of("CAP_SYS_RAWIO"),
                    "raw access to the node's I/O ports"),
            new Block(List.of("syslog"), EPERM, List.of("CAP_SYSLOG"),
                    "the kernel log leaks kernel addresses and other pods' messages"),
            new Block(List.of("uselib", "lookup_dcookie", "nfsservctl", "vm86", "vm86old",
                    "create_module", "get_kernel_syms", "query_module", "_sysctl"), EPERM, List.of(),
                    "obsolete interfaces nothing current uses; kept out to shrink the attack surface"));

    /**
     * Flags that make clone or unshare create a namespace. New namespaces, above all user
     * namespaces, open kernel code that is otherwise root-only. CLONE_NEWTIME only for unshare:
     * in clone's flags its bit belongs to the exit signal field.
     */
    static final List<Long> NAMESPACE_FLAGS = List.of(
            0x00020000L /* CLONE_NEWNS */, 0x02000000L /* CLONE_NEWCGROUP */,
            0x04000000L /* CLONE_NEWUTS */, 0x08000000L /* CLONE_NEWIPC */,
            0x10000000L /* CLONE_NEWUSER */, 0x20000000L /* CLONE_NEWPID */,
            0x40000000L /* CLONE_NEWNET */);
    static final long CLONE_NEWTIME = 0x00000080L;

    private DefaultSeccompProfile() {
    }

    /** The profile for a process holding {@code caps} (its final bounding set). */
    static OciSeccomp build(List<String> architectures, List<String> caps) {
        List<Syscall> rules = new ArrayList<>();
        for (Block b : BLOCKS) {
            if (b.unlessCaps().stream().noneMatch(caps::contains)) {
                rules.add(new Syscall(b.names(), "SCMP_ACT_ERRNO", b.errno(), List.of()));
            }
        }
        if (!caps.contains("CAP_SYS_ADMIN")) {
            // Flags are argument 0 of clone and unshare on x86 and arm; one rule per flag, since a
            // masked compare can only test for "all of these bits".
            for (long flag : NAMESPACE_FLAGS) {
                rules.add(flagRule(List.of("clone", "unshare"), flag));
            }
            rules.add(flagRule(List.of("unshare"), CLONE_NEWTIME));
        }
        return new OciSeccomp("SCMP_ACT_ALLOW", null, architectures, List.of(), rules);
    }

    private static Syscall flagRule(List<String> names, long flag) {
        return new Syscall(names, "SCMP_ACT_ERRNO", EPERM,
                List.of(new Arg(0, flag, flag, "SCMP_CMP_MASKED_EQ")));
    }
}
