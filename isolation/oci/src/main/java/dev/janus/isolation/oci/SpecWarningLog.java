package dev.janus.isolation.oci;

import dev.janus.isolation.ocispec.SpecWarning;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each kind of spec warning once per janusd: a clamped oom_score_adj repeats for every
 * pod, and the operator needs to read it once, not a thousand times.
 */
final class SpecWarningLog {

    private static final Logger LOG = LoggerFactory.getLogger(SpecWarningLog.class);

    private final Set<SpecWarning.Kind> seen = ConcurrentHashMap.newKeySet();

    void log(List<SpecWarning> warnings) {
        for (SpecWarning warning : warnings) {
            if (seen.add(warning.kind())) {
                LOG.warn("{} (logged once; later containers get the same treatment)", warning.message());
            }
        }
    }
}
