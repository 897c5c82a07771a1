package dev.janus.isolation.ocispec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The OCI process an exec runs ({@code runc|crun exec --process}): the container's own process
 * (user, supplementary groups, env, cwd, capabilities, rlimits, LSM labels, no-new-privileges)
 * from its spec, with the exec's command and terminal, as containerd builds it. A runtime given
 * only a command fills the rest with its own defaults (crun: root with every capability), so
 * every exec, streaming or not, on the host or in a VM, goes through here. A terminal gets
 * TERM=xterm unless the container sets TERM, as interactive shells expect one.
 */
public final class ExecProcessSpec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecProcessSpec() {
    }

    public static byte[] build(Path bundleConfig, List<String> command, boolean tty) throws IOException {
        return build(Files.readAllBytes(bundleConfig), command, tty);
    }

    /** @param containerSpec the container's config.json */
    public static byte[] build(byte[] containerSpec, List<String> command, boolean tty) throws IOException {
        JsonNode config = JSON.readTree(containerSpec);
        if (config == null || !(config.path("process") instanceof ObjectNode original)) {
            throw new IOException("the container's spec has no process");
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
