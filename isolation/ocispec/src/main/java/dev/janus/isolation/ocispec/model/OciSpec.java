package dev.janus.isolation.ocispec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The top of an OCI runtime spec (config.json), runtime-spec 1.0.2. Components are named as the
 * spec's JSON keys; a null or empty component is left out of the JSON, as runc expects absence
 * rather than an empty value.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OciSpec(String ociVersion, OciProcess process, Root root, String hostname,
        List<OciMount> mounts, OciLinux linux, Map<String, String> annotations) {

    /** The runtime-spec version Janus writes; runc 1.1 and crun 1.8 both read it. */
    public static final String VERSION = "1.0.2";

    public OciSpec {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** The container's root filesystem: a path on the host (absolute, or relative to the bundle). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Root(String path, boolean readonly) {
    }

    /** The mount at a destination, if any; the last one wins, as in the kernel. */
    public OciMount mountAt(String destination) {
        OciMount found = null;
        for (OciMount m : mounts) {
            if (m.destination().equals(destination)) {
                found = m;
            }
        }
        return found;
    }
}
