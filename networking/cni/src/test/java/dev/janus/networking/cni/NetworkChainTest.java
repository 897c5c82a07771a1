package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkChainTest {

    @TempDir
    Path tmp;
    private Path log;
    private NetworkChain chain;
    private PluginCompatibility compatibility;

    private final CniInvocation call = new CniInvocation(CniInvocation.ADD, "chained", "sb-1",
            "/run/janus/netns/sb-1", "eth0", "IgnoreUnknown=1");

    @BeforeEach
    void plugins() throws IOException {
        Path bin = tmp.resolve("bin");
        log = tmp.resolve("log");
        FakePlugins.logging(bin, "first", log, "\"0.4.0\",\"1.0.0\"");
        FakePlugins.logging(bin, "second", log, "\"1.0.0\"");
        FakePlugins.logging(bin, "loopback", log, "\"0.3.1\",\"1.0.0\"");
        FakePlugins.write(bin, "broken", "cat >/dev/null; echo '{\"code\":11,\"msg\":\"busy\"}';"
                + " exit 1");
        CniPluginRunner runner = new CniPluginRunner(List.of(bin),
                bin.toString(), Duration.ofSeconds(20));
        chain = new NetworkChain(runner);
        compatibility = new PluginCompatibility(runner);
    }

    private NetworkConfigList network(String version, String... types) throws Exception {
        StringBuilder plugins = new StringBuilder();
        for (String type : types) {
            plugins.append(plugins.isEmpty() ? "" : ",").append("{\"type\":\"").append(type)
                    .append("\",\"capabilities\":{\"portMappings\":true}}");
        }
        return NetworkConfigParser.parse("test", "{\"cniVersion\":\"" + version
                + "\",\"name\":\"chained\",\"plugins\":[" + plugins + "]}", true);
    }

    private List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    @Test
    void addRunsInOrderHandingOnThePreviousResult() throws Exception {
        JsonNode result = chain.add(network("1.0.0", "first", "second"), call, Json.object());
        assertEquals("second", result.path("addedBy").asText());
        List<String> lines = logLines();
        assertTrue(lines.get(0).startsWith("ADD first {") && !lines.get(0).contains("prevResult"));
        assertTrue(lines.get(1).startsWith("ADD second {")
                && lines.get(1).contains("\"addedBy\":\"first\""), lines.get(1));
    }

    @Test
    void delRunsInReverseWithTheCachedResultAndGoesOnPastFailures() throws Exception {
        JsonNode cached = Golden.read("bridge-result.json");
        List<CriException> failures = chain.del(network("1.0.0", "first", "broken", "second"),
                call.withCommand(CniInvocation.DEL), Json.object(), cached);
        assertEquals(1, failures.size());
        assertEquals(CriException.Kind.UNAVAILABLE, failures.getFirst().kind());
        List<String> lines = logLines();
        assertTrue(lines.get(0).startsWith("DEL second") && lines.get(1).startsWith("DEL first"));
        assertTrue(lines.get(0).contains("\"prevResult\""), "DEL gets the cached result");
    }

    @Test
    void beforeSpec040DelHasNoPrevResultAndThereIsNoCheck() throws Exception {
        NetworkConfigList old = network("0.3.1", "first");
        chain.del(old, call.withCommand(CniInvocation.DEL), Json.object(),
                Golden.read("bridge-result.json"));
        assertFalse(logLines().getFirst().contains("prevResult"));
        assertFalse(chain.canCheck(old));
        assertTrue(chain.canCheck(network("1.0.0", "first")));
    }

    @Test
    void versionProblemsNameThePluginAndWhatItSpeaks() throws Exception {
        assertTrue(compatibility.problem(network("1.0.0", "first", "second")).isEmpty());
        String why = compatibility.problem(network("0.4.0", "first", "second")).orElseThrow();
        assertTrue(why.contains("\"second\"") && why.contains("0.4.0") && why.contains("[1.0.0]"),
                why);
        String missing = compatibility.problem(network("1.0.0", "first", "absent")).orElseThrow();
        assertTrue(missing.contains("\"absent\"") && missing.contains("not installed"), missing);
    }
}
