package dev.janus.networking.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.errors.CriException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a plugin's binary in the bin dirs and runs it the way the spec says: the CNI_* variables
 * in its environment, its config on stdin, a result or an error object on stdout. Every failure
 * becomes a {@link CriException} naming the plugin, the command, the network and the sandbox.
 */
final class CniPluginRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CniPluginRunner.class);
    private static final List<String> CNI_VARIABLES = List.of("CNI_COMMAND", "CNI_CONTAINERID",
            "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH");

    private final List<Path> binDirs;
    private final String cniPath;
    private final Duration timeout;

    /** @param binDirs where binaries are looked up, in order; @param cniPath CNI_PATH for them */
    CniPluginRunner(List<Path> binDirs, String cniPath, Duration timeout) {
        this.binDirs = List.copyOf(binDirs);
        this.cniPath = cniPath;
        this.timeout = timeout;
    }

    /** The first executable file named after the plugin type in the bin dirs. */
    Optional<Path> find(String type) {
        return binDirs.stream()
                .map(dir -> dir.resolve(type))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    String missing(String type, String network) {
        return "CNI plugin \"" + type + "\" of network \"" + network + "\" is not installed in "
                + binDirs;
    }

    private Path require(String type, String network) {
        return find(type).orElseThrow(() -> CriException.precondition(
                "%s", missing(type, network)));
    }

    /** Runs ADD, CHECK or DEL; returns the result (ADD) or null (nothing printed). */
    JsonNode run(CniInvocation call, String type, ObjectNode config) {
        Path binary = require(type, call.network());
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", call.command());
        env.put("CNI_CONTAINERID", call.containerId());
        env.put("CNI_NETNS", call.netns());
        env.put("CNI_IFNAME", call.ifName());
        env.put("CNI_ARGS", call.cniArgs());
        env.put("CNI_PATH", cniPath);
        LOG.debug("CNI {} {} for sandbox {}: {}", type, call.command(), call.containerId(),
                Json.write(config));
        ProcessRun.Outcome outcome = exec(binary, env, config, call, type);
        JsonNode stdout = parse(outcome.stdout());
        if (!outcome.ok()) {
            throw failure(call, type, outcome, stdout);
        }
        if (CniInvocation.ADD.equals(call.command()) && (stdout == null || !stdout.isObject())) {
            throw new CriException(Kind.INTERNAL, prefix(call, type)
                    + " succeeded but printed no result object: " + abbreviate(outcome.stdout()));
        }
        return stdout;
    }

    /** VERSION: which spec versions the plugin speaks. */
    List<String> supportedVersions(String type, String network, String cniVersion) {
        Path binary = require(type, network);
        Map<String, String> env = new HashMap<>();
        CNI_VARIABLES.forEach(v -> env.put(v, null));
        env.put("CNI_COMMAND", "VERSION");
        env.put("CNI_PATH", cniPath);
        ObjectNode stdin = Json.object().put("cniVersion", cniVersion);
        CniInvocation call = new CniInvocation("VERSION", network, "", "", "", "");
        ProcessRun.Outcome outcome = exec(binary, env, stdin, call, type);
        JsonNode stdout = parse(outcome.stdout());
        if (!outcome.ok() || stdout == null) {
            throw failure(call, type, outcome, stdout);
        }
        return Json.texts(stdout, "supportedVersions");
    }

    private ProcessRun.Outcome exec(Path binary, Map<String, String> env, ObjectNode config,
            CniInvocation call, String type) {
        byte[] stdin = Json.write(config).getBytes(StandardCharsets.UTF_8);
        try {
            return ProcessRun.run(List.of(binary.toString()), env, stdin, timeout);
        } catch (IOException e) {
            throw CriException.internal(prefix(call, type) + ": cannot start " + binary, e);
        }
    }

    private CriException failure(CniInvocation call, String type, ProcessRun.Outcome outcome,
            JsonNode stdout) {
        if (outcome.timedOut()) {
            return new CriException(Kind.DEADLINE_EXCEEDED, prefix(call, type)
                    + " did not finish within " + timeout.toSeconds() + "s and was killed");
        }
        CniError error = CniError.parse(stdout);
        if (error != null) {
            return new CriException(error.kind(), prefix(call, type) + " failed: "
                    + error.describe());
        }
        String why = outcome.stderrTail().isEmpty() ? abbreviate(outcome.stdout())
                : outcome.stderrTail();
        return new CriException(Kind.INTERNAL, prefix(call, type) + " failed with exit status "
                + outcome.exitCode() + (why.isEmpty() ? "" : ": " + why));
    }

    static String prefix(CniInvocation call, String type) {
        String sandbox = call.containerId().isEmpty() ? "" : " for sandbox " + call.containerId();
        return "CNI plugin \"" + type + "\" " + call.command() + " on network \""
                + call.network() + "\"" + sandbox;
    }

    private static JsonNode parse(String stdout) {
        if (stdout.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(stdout);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }
}
