package dev.janus.cri.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the YAML config; a missing file argument means all defaults. */
public final class ConfigLoader {

    /** Built only when there is a file to read: Jackson is hundreds of classes janusd may not need. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    private ConfigLoader() {
    }

    public static JanusConfig load(Path file) {
        if (file == null) {
            return JanusConfig.defaults();
        }
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                return JanusConfig.defaults();
            }
            return Yaml.MAPPER.readValue(text, JanusConfig.class);
        } catch (IOException e) {
            throw CriException.invalid("cannot read config %s: %s", file, e.getMessage());
        }
    }
}
