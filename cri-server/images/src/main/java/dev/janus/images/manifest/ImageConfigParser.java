package dev.janus.images.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.janus.images.ImageConfig;
import dev.janus.images.ImageException;
import dev.janus.images.Platform;
import dev.janus.images.reference.Digest;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Reads an image config blob (OCI image-spec config, Docker's container image v1). */
public final class ImageConfigParser {

    /** The config blob with its platform and the runtime part. */
    public record Parsed(Platform platform, ImageConfig config) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Raw(String architecture, String os, @JsonProperty("os.version") String osVersion, String variant,
               String created, String author, Exec config, RootFs rootfs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Exec(@JsonProperty("User") String user,
                @JsonProperty("Env") List<String> env,
                @JsonProperty("Entrypoint") List<String> entrypoint,
                @JsonProperty("Cmd") List<String> cmd,
                @JsonProperty("WorkingDir") String workingDir,
                @JsonProperty("StopSignal") String stopSignal,
                @JsonProperty("Labels") Map<String, String> labels,
                @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
                @JsonProperty("Volumes") Map<String, Object> volumes,
                @JsonProperty("ArgsEscaped") boolean argsEscaped) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {
    }

    private ImageConfigParser() {
    }

    public static Parsed parse(byte[] blob) {
        Raw raw;
        try {
            raw = Json.MAPPER.readValue(blob, Raw.class);
        } catch (IOException e) {
            throw ImageException.invalid("image config is not valid JSON: " + e.getMessage());
        }
        if (raw.os() == null || raw.os().isBlank()) {
            throw ImageException.invalid("image config names no os");
        }
        List<String> diffIds = raw.rootfs() == null || raw.rootfs().diffIds() == null ? List.of() : raw.rootfs().diffIds();
        diffIds.forEach(Digest::parse);
        Exec exec = raw.config() == null
                ? new Exec(null, null, null, null, null, null, null, null, null, false)
                : raw.config();
        ImageConfig config = new ImageConfig(exec.user(), exec.env(), exec.entrypoint(), exec.cmd(),
                exec.workingDir(), exec.stopSignal(), exec.labels(),
                exec.exposedPorts() == null ? null : List.copyOf(exec.exposedPorts().keySet()),
                exec.volumes() == null ? null : List.copyOf(exec.volumes().keySet()),
                exec.argsEscaped(), raw.created(), raw.author(), diffIds, ChainIds.of(diffIds));
        return new Parsed(new Platform(raw.os(), raw.architecture(), raw.variant(), raw.osVersion()), config);
    }
}
