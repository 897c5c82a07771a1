package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.errors.CriException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuntimeConfigBuilderTest {

    @Test
    void everyCapabilityOfAPodMatchesTheGoldenFile() {
        Golden.assertMatches("capability-args.json",
                RuntimeConfigBuilder.capabilityArgs(TestRequests.everything()));
    }

    @Test
    void aPodWithNothingSpecialOffersNoCapabilities() {
        ObjectNode args = RuntimeConfigBuilder.capabilityArgs(
                TestRequests.plain("abc", Path.of("/run/netns/abc")));
        assertTrue(args.isEmpty(), args.toString());
    }

    @Test
    void aPluginGetsOnlyTheCapabilitiesItDeclaresTrue() {
        ObjectNode args = RuntimeConfigBuilder.capabilityArgs(TestRequests.everything());
        ObjectNode plugin = Json.object();
        plugin.putObject("capabilities").put("bandwidth", true).put("dns", false)
                .put("ipRanges", true);
        ObjectNode runtimeConfig = RuntimeConfigBuilder.forPlugin(plugin, args);
        assertEquals(1, runtimeConfig.size(), runtimeConfig.toString());
        assertEquals(10_000_000L, runtimeConfig.path("bandwidth").path("ingressRate").asLong());
    }

    @Test
    void portmapStdinInAChainMatchesTheGoldenFile() {
        ObjectNode stdin = RuntimeConfigBuilder.stdin(chain(), 1, Golden.read("bridge-result.json"),
                RuntimeConfigBuilder.capabilityArgs(TestRequests.everything()));
        Golden.assertMatches("portmap-stdin.json", stdin);
    }

    @Test
    void theFirstPluginGetsNameAndVersionButNoPrevResult() {
        ObjectNode stdin = RuntimeConfigBuilder.stdin(chain(), 0, null,
                RuntimeConfigBuilder.capabilityArgs(TestRequests.everything()));
        assertEquals("golden", stdin.path("name").asText());
        assertEquals("1.0.0", stdin.path("cniVersion").asText());
        assertFalse(stdin.has("prevResult"));
        assertFalse(stdin.has("runtimeConfig"), "bridge declares no capabilities");
    }

    @Test
    void aRuntimeConfigWrittenInTheFileStaysWhenNothingIsInjected() {
        ObjectNode stdin = RuntimeConfigBuilder.stdin(chain(), 3, null,
                RuntimeConfigBuilder.capabilityArgs(TestRequests.everything()));
        assertTrue(stdin.path("runtimeConfig").path("kept").asBoolean());
    }

    @Test
    void buildingStdinLeavesTheNetworkConfigUntouched() {
        NetworkConfigList network = chain();
        RuntimeConfigBuilder.stdin(network, 1, Golden.read("bridge-result.json"),
                RuntimeConfigBuilder.capabilityArgs(TestRequests.everything()));
        assertFalse(network.plugin(1).has("prevResult"));
        assertFalse(network.plugin(1).has("name"));
    }

    @Test
    void portsOutOfRangeAndUnknownProtocolsAreInvalidArguments() {
        PortMapping tooHigh = TestRequests.tcp(70000, 80);
        CriException e = assertThrows(CriException.class, () -> RuntimeConfigBuilder
                .capabilityArgs(TestRequests.withPorts("abc", Path.of("/x"), tooHigh)));
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
        PortMapping unknown = TestRequests.tcp(8080, 80).toBuilder().setProtocolValue(7).build();
        assertThrows(CriException.class, () -> RuntimeConfigBuilder
                .capabilityArgs(TestRequests.withPorts("abc", Path.of("/x"), unknown)));
    }

    static NetworkConfigList chain() {
        try {
            return NetworkConfigParser.list("golden/chain.conflist",
                    Golden.object("chain.conflist"));
        } catch (NetworkConfigParser.InvalidConfigException e) {
            throw new AssertionError(e);
        }
    }
}
