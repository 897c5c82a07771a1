package dev.janus.isolation.ocispec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One {@code mounts} entry, in the order runc mounts them. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OciMount(String destination, String type, String source, List<String> options) {

    public OciMount {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
