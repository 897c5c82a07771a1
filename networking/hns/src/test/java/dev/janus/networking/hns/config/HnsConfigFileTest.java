package dev.janus.networking.hns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HnsConfigFileTest {

    @TempDir
    Path confDir;

    @Test
    void noFileMeansTheNatDefault() {
        HnsNetworkConfig config = new HnsConfigFile(confDir).read();

        assertEquals("janus-nat", config.name());
        assertEquals(NetworkType.NAT, config.type());
        assertEquals(List.of(new SubnetConfig("172.30.0.0/16", "172.30.0.1")), config.subnets());
        assertFalse(config.dualStack());
        assertEquals(HnsNetworkConfig.defaults(), new HnsConfigFile(null).read());
    }

    @Test
    void readsAFullL2BridgeConfig() throws IOException {
        write("""
                {"name": "janus-l2", "type": "l2bridge", "adapterName": "Ethernet",
                 "subnets": [{"prefix": "10.244.1.0/24", "gateway": "10.244.1.1"},
                             {"prefix": "fd00:244:1::/64", "gateway": "fd00:244:1::1"}],
                 "clusterCidrs": ["10.244.0.0/16"], "serviceCidrs": ["10.96.0.0/12", "10.244.0.0/16"]}
                """);
        HnsNetworkConfig config = new HnsConfigFile(confDir).read();

        assertEquals(NetworkType.L2BRIDGE, config.type());
        assertTrue(config.dualStack());
        assertEquals("fd00:244:1::1", config.ipv6().orElseThrow().gateway());
        assertEquals(List.of("10.244.0.0/16", "10.96.0.0/12"), config.outboundNatExceptions());
    }

    @Test
    void readsAnOverlayConfig() throws IOException {
        write("""
                {"name": "vx", "type": "Overlay", "vsid": 4096, "vxlanPort": 4789,
                 "subnets": [{"prefix": "10.244.2.0/24", "gateway": "10.244.2.1"}]}
                """);
        HnsNetworkConfig config = new HnsConfigFile(confDir).read();

        assertEquals(NetworkType.OVERLAY, config.type());
        assertEquals(4096, config.vsid());
    }

    @Test
    void mistakesAreNamedWithTheFile() throws IOException {
        assertRefused("{\"vsidd\": 1}", "vsidd");
        assertRefused("{\"type\": \"Transparent\"}", "Transparent");
        assertRefused("{\"subnets\": [{\"prefix\": \"10.0.0.0/24\", \"gateway\": \"10.0.1.1\"}]}", "outside");
        assertRefused("{\"type\": \"Overlay\", \"subnets\": [{\"prefix\": \"10.0.0.0/24\", \"gateway\": \"10.0.0.1\"}]}",
                "vsid");
        assertRefused("{\"type\": \"L2Bridge\"}", "needs its subnets");
        assertRefused("{\"adapterName\": \"Ethernet\"}", "NAT network has none");
        assertRefused("{\"name\": \"a/b\"}", "network name");
        assertRefused("{\"clusterCidrs\": [\"example.com/16\"]}", "not an IP address");
        assertRefused("{\"subnets\": [{\"prefix\": \"10.0.0.0/24\", \"gateway\": \"10.0.0.1\"},"
                + " {\"prefix\": \"10.1.0.0/24\", \"gateway\": \"10.1.0.1\"}]}", "at most one IPv4");
        assertRefused("not json", "hns-network.json");
    }

    private void assertRefused(String json, String expected) throws IOException {
        write(json);
        CriException e = assertThrows(CriException.class, () -> new HnsConfigFile(confDir).read());
        assertEquals(CriException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(HnsConfigFile.FILE_NAME), e.getMessage());
    }

    private void write(String json) throws IOException {
        Files.writeString(confDir.resolve(HnsConfigFile.FILE_NAME), json);
    }
}
