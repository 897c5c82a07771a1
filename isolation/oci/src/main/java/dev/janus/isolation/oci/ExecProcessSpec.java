package dev.janus.isolation.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The OCI process a streaming exec runs ({@code runc exec --process}): the container's own
 * process (user, env, cwd, capabilities, rlimits, LSM labels, no-new-privileges) from its
 * bundle, with the exec's command and terminal. A terminal gets TERM=xterm unless the container
 * sets TERM, as interactive shells expect one.
 */
final class ExecProcessSpec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecProcessSpec() {
    }

    static byte[] build(Path bundleConfig, List<String> command, boolean tty) throws IOException {
        JsonNode config = JSON.readTree(bundleConfig.toFile());
        if (!(config.path("process") instanceof ObjectNode original)) {
            throw new IOException(bundleConfig + " has no process");
        }
        ObjectNode process = original.deepCopy();
        ArrayNode args = process.putArray("args");
        command.forEach(args::add);
        process.put("terminal", tty);
        process.remove("consoleSize");
        if (tty && !hasTerm(process.path("env"))) {
            (process.get("env") instanceof ArrayNode env ? env : process.putArray("env")).add("TERM=xterm");
        }
        return JSON.writeValueAsBytes(process);
    }

    private static boolean hasTerm(JsonNode env) {
        for (JsonNode entry : env) {
            if (entry.asText().startsWith("TERM=")) {
                return true;
            }
        }
        return false;
    }
}
