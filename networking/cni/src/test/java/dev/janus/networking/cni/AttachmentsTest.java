package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.PodNetworkRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach/detach bookkeeping, with logging scripts for plugins (no root needed). */
class AttachmentsTest {

    @TempDir
    Path tmp;
    private Path log;
    private Path checkFails;
    private ResultCache cache;
    private Attachments attachments;
    private PodNetworkRequest pod;

    @BeforeEach
    void setUp() throws IOException {
        Path bin = tmp.resolve("bin");
        log = tmp.resolve("log");
        checkFails = tmp.resolve("check-fails");
        FakePlugins.logging(bin, "loopback", log, "\"0.3.1\"");
        FakePlugins.logging(bin, "first", log, "\"1.0.0\"");
        FakePlugins.write(bin, "second", """
                in=$(cat)
                echo "$CNI_COMMAND second $in" >> %1$s
                if [ "$CNI_COMMAND" = CHECK ] && [ -e %2$s ]; then
                  echo '{"code":999,"msg":"veth is gone"}'; exit 1
                fi
                if [ "$CNI_COMMAND" = ADD ] && [ -e %2$s.add ]; then
                  echo '{"code":5,"msg":"cannot add"}'; exit 1
                fi
                [ "$CNI_COMMAND" = ADD ] && echo "$in" | sed 's/.*"prevResult":\\(.*\\)}$/\\1/'
                exit 0""".formatted(log, checkFails));
        cache = new ResultCache(tmp.resolve("cache"));
        CniPluginRunner runner = new CniPluginRunner(List.of(bin),
                bin.toString(), Duration.ofSeconds(20));
        attachments = new Attachments(new NetworkChain(runner), cache);
        pod = TestRequests.plain("sb-1", Files.createFile(tmp.resolve("netns")));
    }

    private NetworkConfigList network() throws Exception {
        return NetworkConfigParser.parse("test", """
                {"cniVersion": "1.0.0", "name": "unit", "plugins": [
                  {"type": "first"}, {"type": "second"}]}""", true);
    }

    private List<String> commands() throws IOException {
        List<String> out = Files.readAllLines(log).stream()
                .map(l -> l.substring(0, l.indexOf(" {"))).toList();
        Files.delete(log);
        return out;
    }

    @Test
    void attachRunsLoopbackThenTheChainAndCachesTheResult() throws Exception {
        assertEquals(List.of("10.9.9.2"), attachments.attach(network(), pod).ips());
        assertEquals(List.of("ADD loopback", "ADD first", "ADD second"), commands());
        assertFalse(cache.forSandbox("sb-1").getFirst().pending());
    }

    @Test
    void attachingAgainChecksInsteadOfAddingAndReAddsWhenCheckFails() throws Exception {
        attachments.attach(network(), pod);
        commands();
        assertEquals(List.of("10.9.9.2"), attachments.attach(network(), pod).ips());
        assertEquals(List.of("CHECK first", "CHECK second"), commands());

        Files.createFile(checkFails);
        attachments.attach(network(), pod);
        assertEquals(List.of("CHECK first", "CHECK second", "DEL second", "DEL first",
                "ADD loopback", "ADD first", "ADD second"), commands());
    }

    @Test
    void aFailedAddIsDeletedAndLeavesNoCacheEntry() throws Exception {
        Files.createFile(Path.of(checkFails + ".add"));
        CriException e = assertThrows(CriException.class,
                () -> attachments.attach(network(), pod));
        assertTrue(e.getMessage().contains("cannot add"), e.getMessage());
        assertEquals(List.of("ADD loopback", "ADD first", "ADD second", "DEL second",
                "DEL first"), commands());
        assertEquals(List.of(), cache.forSandbox("sb-1"));
    }

    @Test
    void detachDeletesWithTheCachedResultAndARepeatRunsNothing() throws Exception {
        attachments.attach(network(), pod);
        commands();
        attachments.detach(Optional.of(network()), pod);
        List<String> lines = Files.readAllLines(log);
        assertEquals(List.of("DEL second", "DEL first"), commands());
        assertTrue(lines.getFirst().contains("\"prevResult\""), lines.getFirst());
        assertEquals(List.of(), cache.forSandbox("sb-1"));
        assertTrue(cache.isDetached("sb-1"));

        attachments.detach(Optional.of(network()), pod);
        assertFalse(Files.exists(log), "detached already: nothing to run");
    }

    @Test
    void withTheCacheLostDetachFallsBackToTheCurrentConfig() throws Exception {
        attachments.attach(network(), pod);
        commands();
        cache.forSandbox("sb-1").forEach(cache::remove);
        attachments.detach(Optional.of(network()), pod);
        List<String> lines = Files.readAllLines(log);
        assertEquals(List.of("DEL second", "DEL first"), commands());
        assertFalse(lines.getFirst().contains("prevResult"), "no cached result to give");

        cache.forget("sb-1");
        attachments.detach(Optional.empty(), pod);
        assertFalse(Files.exists(log), "no cache and no config: nothing to run");
    }

    @Test
    void aRolledBackAttachNeedsNoFurtherDetach() throws Exception {
        Files.createFile(Path.of(checkFails + ".add"));
        assertThrows(CriException.class, () -> attachments.attach(network(), pod));
        commands();
        attachments.detach(Optional.of(network()), pod);
        assertFalse(Files.exists(log));
    }

    @Test
    void aPendingEntryIsDeletedBeforeANewAdd() throws Exception {
        cache.put(new CachedAttachment("sb-1", "unit", "eth0", pod.netnsPath().toString(),
                network().toJson(), "IgnoreUnknown=1", Json.object(), null));
        attachments.attach(network(), pod);
        assertEquals(List.of("DEL second", "DEL first", "ADD loopback", "ADD first",
                "ADD second"), commands());
    }
}
