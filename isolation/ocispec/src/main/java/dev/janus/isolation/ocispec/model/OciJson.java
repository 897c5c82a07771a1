package dev.janus.isolation.ocispec.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads and writes config.json. Unknown keys are skipped on read: a spec may come from elsewhere. */
public final class OciJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private OciJson() {
    }

    public static byte[] write(OciSpec spec) {
        try {
            return MAPPER.writeValueAsBytes(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise OCI spec", e);
        }
    }

    /** Any part of a spec as JSON text, e.g. {@code linux.resources} for {@code runc update}. */
    public static String writeString(Object specPart) {
        try {
            return MAPPER.writeValueAsString(specPart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise OCI spec", e);
        }
    }

    public static OciSpec read(byte[] json) {
        try {
            return MAPPER.readValue(json, OciSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse OCI spec", e);
        }
    }
}
