package dev.janus.isolation.ocispec;

import dev.janus.cri.api.Capability;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.SpecWarning.Kind;
import dev.janus.isolation.ocispec.model.OciProcess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The process's capability sets. Unprivileged containers start from containerd's CRI default and
 * apply the CRI add/drop lists ("ALL" first, then single names); privileged ones get every
 * capability the runtime holds. A capability the runtime itself lacks cannot be granted, so it is
 * dropped with a warning rather than making runc fail.
 */
public final class Capabilities {

    /** Every capability Linux 6.x knows, in bit order (CAP_CHOWN is bit 0). */
    public static final List<String> KNOWN = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
            "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
            "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
            "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
            "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
            "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
            "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    /** containerd's CRI default set (what Docker also grants). */
    public static final List<String> DEFAULT = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private static final String ALL = "ALL";

    private Capabilities() {
    }

    static OciProcess.Capabilities container(Capability c, boolean privileged, HostLimits host, Warnings w) {
        if (privileged) {
            List<String> all = ordered(host.capabilities());
            return new OciProcess.Capabilities(all, all, List.of(), all, List.of());
        }
        List<String> add = normalize(c.getAddCapabilitiesList(), true);
        List<String> drop = normalize(c.getDropCapabilitiesList(), true);
        List<String> ambient = new ArrayList<>(normalize(c.getAddAmbientCapabilitiesList(), false));

        Set<String> set = new LinkedHashSet<>(DEFAULT);
        if (add.contains(ALL)) {
            set.addAll(KNOWN);
        }
        if (drop.contains(ALL)) {
            set.clear();
        }
        add.stream().filter(s -> !s.equals(ALL)).forEach(set::add);
        set.addAll(ambient);
        drop.forEach(set::remove);
        ambient.removeAll(drop);

        for (String cap : List.copyOf(set)) {
            if (!host.capabilities().contains(cap)) {
                set.remove(cap);
                ambient.remove(cap);
                w.add(Kind.CAPABILITY_UNAVAILABLE, "%s is not held by the runtime and was not granted", cap);
            }
        }
        List<String> sets = ordered(set);
        // A capability can only be ambient when it is also inheritable.
        List<String> amb = ordered(ambient);
        return new OciProcess.Capabilities(sets, sets, amb, sets, amb);
    }

    /** The pause process needs none: it only waits for signals. */
    static OciProcess.Capabilities none() {
        return new OciProcess.Capabilities(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** CAP_-prefixed upper-case names; "ALL" kept when allowed; unknown names refused. */
    static List<String> normalize(List<String> names, boolean allowAll) {
        List<String> out = new ArrayList<>();
        for (String raw : names) {
            String n = raw.trim().toUpperCase(Locale.ROOT);
            if (n.equals(ALL) && allowAll) {
                out.add(ALL);
                continue;
            }
            String cap = n.startsWith("CAP_") ? n : "CAP_" + n;
            if (!KNOWN.contains(cap)) {
                throw CriException.invalid("unknown capability \"%s\"", raw);
            }
            out.add(cap);
        }
        return out;
    }

    private static List<String> ordered(Iterable<String> caps) {
        List<String> out = new ArrayList<>();
        caps.forEach(out::add);
        out.sort(Comparator.comparingInt(KNOWN::indexOf));
        return out;
    }
}
