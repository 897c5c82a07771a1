package dev.janus.images;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The runtime-relevant part of an image's config blob (OCI image-spec {@code config} plus
 * {@code rootfs}), enough for cri-server to build a container spec and to render containerd-like
 * verbose ImageStatus info. Absent values are empty strings, lists and maps, never null.
 *
 * @param diffIds  digests of the uncompressed layers, bottom first
 * @param chainIds the OCI chain ids of the same layers; the last one names the whole stack
 * @param argsEscaped Windows images: the command line is already escaped (Docker's ArgsEscaped)
 */
public record ImageConfig(
        String user,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        String workingDir,
        String stopSignal,
        Map<String, String> labels,
        List<String> exposedPorts,
        List<String> volumes,
        boolean argsEscaped,
        String created,
        String author,
        List<String> diffIds,
        List<String> chainIds) {

    public ImageConfig {
        user = user == null ? "" : user;
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        workingDir = workingDir == null ? "" : workingDir;
        stopSignal = stopSignal == null ? "" : stopSignal;
        labels = labels == null ? Map.of() : withoutNullValues(labels);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        created = created == null ? "" : created;
        author = author == null ? "" : author;
        diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        chainIds = chainIds == null ? List.of() : List.copyOf(chainIds);
    }

    /** CRI's {@code Image.uid}: the user part of {@code user} when it is numeric. */
    @JsonIgnore
    public Optional<Long> uid() {
        String u = userPart();
        return u.matches("\\d+") ? Optional.of(Long.parseLong(u)) : Optional.empty();
    }

    /** CRI's {@code Image.username}: the user part of {@code user} when it is a name. */
    @JsonIgnore
    public String username() {
        String u = userPart();
        return u.matches("\\d+") ? "" : u;
    }

    /** The chain id of the top layer, which containerd's verbose info calls "chainID". */
    @JsonIgnore
    public String topChainId() {
        return chainIds.isEmpty() ? "" : chainIds.get(chainIds.size() - 1);
    }

    private static Map<String, String> withoutNullValues(Map<String, String> map) {
        Map<String, String> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        return Collections.unmodifiableMap(copy);
    }

    private String userPart() {
        int colon = user.indexOf(':');
        return colon < 0 ? user : user.substring(0, colon);
    }
}
