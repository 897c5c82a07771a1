package dev.janus.isolation.ocispec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.SpecWarning.Kind;
import dev.janus.isolation.ocispec.model.OciSeccomp;
import dev.janus.isolation.ocispec.model.OciSeccomp.Arg;
import dev.janus.isolation.ocispec.model.OciSeccomp.Syscall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A seccomp profile from a file on the node, in Docker's format (which the OCI form is a subset
 * of): {@code architectures} or {@code archMap}, rules with {@code names} or {@code name}, and
 * {@code includes}/{@code excludes} conditions on capabilities, architectures and minKernel,
 * settled here for this process so runc gets a plain OCI filter.
 */
final class LocalhostSeccompProfile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 1 << 20;

    private LocalhostSeccompProfile() {
    }

    static OciSeccomp load(String path, HostFeatures host, List<String> caps, Warnings w) {
        JsonNode root = parse(path);
        String defaultAction = root.path("defaultAction").asText("");
        if (defaultAction.isEmpty()) {
            throw CriException.invalid("seccomp profile %s has no defaultAction", path);
        }
        Integer defaultErrno = root.hasNonNull("defaultErrnoRet") ? root.get("defaultErrnoRet").asInt() : null;
        List<Syscall> rules = new ArrayList<>();
        for (JsonNode rule : root.path("syscalls")) {
            if (applies(rule, host, caps)) {
                rules.add(syscall(path, rule));
            } else {
                w.add(Kind.SECCOMP_RULE_SKIPPED, "seccomp profile %s: rule for %s skipped by its "
                        + "includes/excludes", path, names(rule));
            }
        }
        return new OciSeccomp(defaultAction, defaultErrno, architectures(root, host.arch()),
                strings(root.path("flags")), rules);
    }

    private static JsonNode parse(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw CriException.invalid("seccomp profile %s is larger than %d bytes", path, MAX_BYTES);
            }
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw CriException.invalid("seccomp profile %s is not a JSON object", path);
            }
            return root;
        } catch (NoSuchFileException e) {
            throw CriException.invalid("seccomp profile %s does not exist", path);
        } catch (IOException e) {
            throw CriException.invalid("cannot read seccomp profile %s: %s", path, e.getMessage());
        }
    }

    /** {@code architectures} as given, else the archMap entry of this machine with its sub-arches. */
    private static List<String> architectures(JsonNode root, String javaArch) {
        if (root.has("architectures")) {
            return strings(root.get("architectures"));
        }
        List<String> native_ = SeccompProfiles.architectures(javaArch);
        for (JsonNode entry : root.path("archMap")) {
            String arch = entry.path("architecture").asText();
            if (!native_.isEmpty() && native_.get(0).equals(arch)) {
                List<String> out = new ArrayList<>(List.of(arch));
                out.addAll(strings(entry.path("subArchitectures")));
                return out;
            }
        }
        return List.of();
    }

    private static boolean applies(JsonNode rule, HostFeatures host, List<String> caps) {
        JsonNode inc = rule.path("includes");
        JsonNode exc = rule.path("excludes");
        String arch = SeccompProfiles.goArch(host.arch());
        if (!caps.containsAll(strings(inc.path("caps")))) {
            return false;
        }
        List<String> incArches = strings(inc.path("arches"));
        if (!incArches.isEmpty() && !incArches.contains(arch)) {
            return false;
        }
        String minKernel = inc.path("minKernel").asText("");
        if (!minKernel.isEmpty() && !host.kernelVersion().isEmpty()
                && KernelVersion.compare(host.kernelVersion(), minKernel) < 0) {
            return false;
        }
        return strings(exc.path("caps")).stream().noneMatch(caps::contains)
                && !strings(exc.path("arches")).contains(arch);
    }

    private static Syscall syscall(String path, JsonNode rule) {
        List<String> names = names(rule);
        String action = rule.path("action").asText("");
        if (names.isEmpty() || action.isEmpty()) {
            throw CriException.invalid("seccomp profile %s has a rule without names or action", path);
        }
        Integer errno = rule.hasNonNull("errnoRet") ? rule.get("errnoRet").asInt() : null;
        List<Arg> args = new ArrayList<>();
        for (JsonNode a : rule.path("args")) {
            args.add(new Arg(a.path("index").asInt(), unsigned(a.path("value")),
                    unsigned(a.path("valueTwo")), a.path("op").asText()));
        }
        return new Syscall(names, action, errno, args);
    }

    private static List<String> names(JsonNode rule) {
        List<String> names = new ArrayList<>(strings(rule.path("names")));
        if (rule.hasNonNull("name")) {
            names.add(rule.get("name").asText());
        }
        return names;
    }

    // uint64 in JSON: values above Long.MAX_VALUE keep their bits.
    private static long unsigned(JsonNode n) {
        return n.isBigInteger() ? n.bigIntegerValue().longValue() : n.asLong(0);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
