package dev.janus.networking.hns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test resources: golden documents under golden/ and sample HNS answers under responses/.
 * Goldens are compared as JSON trees, keys sorted, so whitespace and key order do not matter.
 */
public final class TestFiles {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private TestFiles() {
    }

    public static String read(String path) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String response(String name) {
        return read("responses/" + name);
    }

    public static void assertMatchesGolden(String name, String actualJson) {
        assertEquals(canonical(read("golden/" + name)), canonical(actualJson), "differs from golden/" + name);
    }

    /** Keys sorted and numbers by value: a readable diff when a document drifts. */
    public static String canonical(String json) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.readValue(json, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
