package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.networking.cni.NetworkConfigs.Selection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkConfigsTest {

    @TempDir
    Path conf;

    private static final String LIST = """
            {"cniVersion": "1.0.0", "name": "%s", "plugins": [
              {"type": "bridge", "bridge": "x0"}, {"type": "portmap"}]}""";
    private static final String SINGLE = """
            {"cniVersion": "0.4.0", "name": "%s", "type": "bridge", "bridge": "y0"}""";

    private NetworkConfigList found(Selection selection) {
        return assertInstanceOf(Selection.Found.class, selection).network();
    }

    private String missing(Selection selection) {
        return assertInstanceOf(Selection.Missing.class, selection).message();
    }

    @Test
    void anEmptyOrAbsentDirHasNoNetworkAndSaysWhere() {
        assertTrue(missing(new NetworkConfigs(conf).current()).contains(conf.toString()));
        assertTrue(missing(new NetworkConfigs(conf.resolve("absent")).current())
                .contains("no CNI network config"));
    }

    @Test
    void theLexicallyFirstFileWinsWhateverItsKind() throws IOException {
        Files.writeString(conf.resolve("20-b.conflist"), LIST.formatted("second"));
        Files.writeString(conf.resolve("10-a.conf"), SINGLE.formatted("first"));
        Files.writeString(conf.resolve("05-notes.txt"), "not a config");
        Files.writeString(conf.resolve(".00-hidden.conflist"), LIST.formatted("hidden"));
        NetworkConfigList network = found(new NetworkConfigs(conf).current());
        assertEquals("first", network.name());
        assertEquals(List.of("bridge"), network.types(), "a .conf is wrapped into a list");
        assertEquals("0.4.0", network.cniVersion());
        assertTrue(network.source().endsWith("10-a.conf"));
    }

    @Test
    void aBrokenFirstFileMakesTheNetworkUnavailableNamingTheFile() throws IOException {
        Files.writeString(conf.resolve("10-broken.conflist"), "{\"name\": ");
        Files.writeString(conf.resolve("20-good.conflist"), LIST.formatted("good"));
        String why = missing(new NetworkConfigs(conf).current());
        assertTrue(why.contains("10-broken.conflist") && why.contains("not valid JSON"), why);
    }

    @Test
    void invalidContentIsNamed() throws IOException {
        assertInvalid("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[]}", "no plugins");
        assertInvalid("{\"cniVersion\":\"1.0.0\",\"name\":\"bad name\",\"plugins\":"
                + "[{\"type\":\"bridge\"}]}", "network \"name\"");
        assertInvalid("{\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\"}]}", "cniVersion");
        assertInvalid("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":"
                + "[{\"type\":\"../../bin/sh\"}]}", "must name a binary");
    }

    @Test
    void aConfHoldingAListIsRefused() throws IOException {
        Files.writeString(conf.resolve("10-x.conf"), LIST.formatted("n"));
        assertTrue(missing(new NetworkConfigs(conf).current()).contains("*.conflist"));
    }

    @Test
    void aConfigDroppedInLaterIsSeenWithoutANewInstance() throws IOException {
        NetworkConfigs configs = new NetworkConfigs(conf);
        assertInstanceOf(Selection.Missing.class, configs.current());
        Files.writeString(conf.resolve("10-late.conflist"), LIST.formatted("late"));
        assertEquals("late", found(configs.current()).name());
        Path file = conf.resolve("10-late.conflist");
        Files.writeString(file, LIST.formatted("edited") + "   ");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals("edited", found(configs.current()).name(), "edits in place are seen too");
        Files.delete(file);
        assertInstanceOf(Selection.Missing.class, configs.current());
    }

    @Test
    void theDefaultNetworkOfTheDeployDirParses() throws IOException {
        Path deploy = Path.of("../../deploy/cni/10-janus-bridge.conflist");
        NetworkConfigList network = NetworkConfigs.select(deploy.getParent(), List.of(deploy))
                instanceof Selection.Found f ? f.network() : null;
        assertTrue(network != null, "deploy/cni/10-janus-bridge.conflist must parse");
        assertEquals(List.of("bridge", "portmap"), network.types());
        assertEquals("janus0", network.plugin(0).path("bridge").asText());
        assertEquals(2, network.plugin(0).path("ipam").path("ranges").size(), "dual stack");
        assertTrue(network.plugin(1).path("capabilities").path("portMappings").asBoolean());
        assertFalse(network.disableCheck());
    }

    private void assertInvalid(String text, String expected) throws IOException {
        Path file = conf.resolve("10-x.conflist");
        Files.writeString(file, text);
        String why = missing(NetworkConfigs.select(conf, List.of(file)));
        assertTrue(why.contains(expected) && why.contains("10-x.conflist"), why);
    }
}
