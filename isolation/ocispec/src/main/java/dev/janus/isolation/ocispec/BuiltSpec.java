package dev.janus.isolation.ocispec;

import dev.janus.isolation.ocispec.model.OciJson;
import dev.janus.isolation.ocispec.model.OciSpec;
import java.util.List;

/** A finished spec and what was clamped or ignored on the way (empty when nothing was). */
public record BuiltSpec(OciSpec spec, List<SpecWarning> warnings) {

    public BuiltSpec {
        warnings = List.copyOf(warnings);
    }

    /** config.json as bytes, ready for the bundle directory. */
    public byte[] json() {
        return OciJson.write(spec);
    }
}
