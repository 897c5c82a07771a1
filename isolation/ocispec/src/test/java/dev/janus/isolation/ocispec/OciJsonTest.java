package dev.janus.isolation.ocispec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.isolation.ocispec.model.OciJson;
import dev.janus.isolation.ocispec.model.OciProcess.Rlimit;
import dev.janus.isolation.ocispec.model.OciSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** config.json as runc reads it: the spec's key names, absent rather than empty, uint64s. */
class OciJsonTest {

    private static JsonNode json(BuiltSpec b) throws IOException {
        return new ObjectMapper().readTree(b.json());
    }

    @Test
    void keysAreTheSpecsAndEmptiesAreLeftOut() throws IOException {
        var cfg = Fixtures.container();
        cfg.getLinuxBuilder().setResources(LinuxContainerResources.newBuilder().setMemoryLimitInBytes(1 << 20)
                .setOomScoreAdj(100));
        JsonNode j = json(Fixtures.builder().container(Fixtures.inputs(cfg)));
        assertEquals("1.0.2", j.get("ociVersion").asText());
        assertEquals(0, j.at("/process/user/uid").asInt());
        assertEquals(100, j.at("/process/oomScoreAdj").asInt());
        assertTrue(j.at("/process/capabilities/bounding").isArray());
        assertEquals(1 << 20, j.at("/linux/resources/memory/limit").asLong());
        assertEquals("/kubepods/podu1/c1", j.at("/linux/cgroupsPath").asText());
        assertEquals("mount", j.at("/linux/namespaces/0/type").asText());
        assertFalse(j.at("/linux/namespaces/0").has("path"), "a new namespace has no path key");
        assertFalse(j.has("hostname"));
        assertFalse(j.get("linux").has("seccomp"));
        assertFalse(j.get("linux").has("sysctl"));
        assertFalse(j.get("linux").has("uidMappings"));
        assertFalse(j.at("/linux/resources/memory").has("kernel"));
        assertFalse(j.get("process").has("rlimits"));
        assertFalse(j.get("process").has("apparmorProfile"));
        for (JsonNode m : j.get("mounts")) {
            m.fieldNames().forEachRemaining(k -> assertTrue(
                    Set.of("destination", "type", "source", "options").contains(k), "mount key " + k));
        }
    }

    @Test
    void pauseCapabilitiesAreWrittenAsEmptySets() throws IOException {
        JsonNode caps = json(Fixtures.builder().sandbox(Fixtures.sandbox(Fixtures.pod().build())))
                .at("/process/capabilities");
        for (String set : List.of("bounding", "effective", "inheritable", "permitted", "ambient")) {
            assertTrue(caps.get(set).isArray() && caps.get(set).isEmpty(), set);
        }
    }

    @Test
    void unlimitedIsTheLargestUint64AndTheSpecReadsBack() throws IOException {
        ContainerInputs in = Fixtures.inputs(Fixtures.container());
        in = new ContainerInputs(in.spec(), in.rootfs(), in.pod(), null, null, null,
                List.of(new Rlimit("RLIMIT_CORE", -1, -1)));
        BuiltSpec b = Fixtures.builder().container(in);
        String text = new String(b.json(), StandardCharsets.UTF_8);
        assertTrue(text.contains("18446744073709551615"), text);
        OciSpec back = OciJson.read(OciJson.write(Fixtures.builder().container(Fixtures.inputs(Fixtures.container())).spec()));
        assertEquals(Fixtures.builder().container(Fixtures.inputs(Fixtures.container())).spec(), back);
    }
}
