package dev.janus.isolation.ocispec;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.SpecWarning.Kind;
import dev.janus.isolation.ocispec.model.OciProcess.Rlimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The process's rlimits, each lowered to the runtime's own hard limit: raising a hard limit needs
 * CAP_SYS_RESOURCE, which the runtime may lack, and runc would then fail the whole start.
 * Limits are unsigned; -1 is RLIM_INFINITY.
 */
final class Rlimits {

    static final Set<String> KNOWN = Set.of("RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA",
            "RLIMIT_FSIZE", "RLIMIT_LOCKS", "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE",
            "RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
            "RLIMIT_SIGPENDING", "RLIMIT_STACK");

    private Rlimits() {
    }

    static List<Rlimit> clamp(List<Rlimit> wanted, HostLimits host, Warnings w) {
        List<Rlimit> out = new ArrayList<>();
        for (Rlimit r : wanted) {
            if (!KNOWN.contains(r.type())) {
                throw CriException.invalid("unknown rlimit %s", r.type());
            }
            if (Long.compareUnsigned(r.soft(), r.hard()) > 0) {
                throw CriException.invalid("%s: soft limit %s is above the hard limit %s", r.type(),
                        Long.toUnsignedString(r.soft()), Long.toUnsignedString(r.hard()));
            }
            long max = host.hardLimit(r.type());
            if (Long.compareUnsigned(r.hard(), max) <= 0) {
                out.add(r);
                continue;
            }
            long soft = Long.compareUnsigned(r.soft(), max) <= 0 ? r.soft() : max;
            w.add(Kind.RLIMIT_CLAMPED, "%s hard limit %s lowered to %s, the runtime's own (raising it "
                    + "needs CAP_SYS_RESOURCE)", r.type(), text(r.hard()), text(max));
            out.add(new Rlimit(r.type(), max, soft));
        }
        return out;
    }

    private static String text(long v) {
        return v == -1 ? "unlimited" : Long.toUnsignedString(v);
    }
}
