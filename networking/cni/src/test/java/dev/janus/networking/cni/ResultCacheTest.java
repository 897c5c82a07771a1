package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {

    @TempDir
    Path dir;

    private CachedAttachment pending() {
        NetworkConfigList network = RuntimeConfigBuilderTest.chain();
        return new CachedAttachment("4f2a9c", network.name(), "eth0", "/run/janus/netns/4f2a9c",
                network.toJson(), CniArgs.of(TestRequests.everything()).encode(),
                RuntimeConfigBuilder.capabilityArgs(TestRequests.everything()), null);
    }

    @Test
    void aPendingEntryAndItsResultRoundTrip() {
        ResultCache cache = new ResultCache(dir);
        cache.put(pending());
        CachedAttachment read = cache.forSandbox("4f2a9c").getFirst();
        assertTrue(read.pending());
        assertEquals(Golden.canonical(ResultCache.toJson(pending())),
                Golden.canonical(ResultCache.toJson(read)));

        cache.put(pending().withResult(Golden.read("bridge-result.json")));
        List<CachedAttachment> entries = cache.forSandbox("4f2a9c");
        assertEquals(1, entries.size(), "the result replaces the pending entry");
        assertFalse(entries.getFirst().pending());
        Golden.assertMatches("bridge-result.json", entries.getFirst().result());
        Golden.assertMatches("capability-args.json", entries.getFirst().capabilityArgs());
        assertEquals(Golden.canonical(RuntimeConfigBuilderTest.chain().toJson()),
                Golden.canonical(entries.getFirst().network()));
        assertTrue(Files.exists(dir.resolve("4f2a9c/golden-eth0.json")));
    }

    @Test
    void removedEntriesLeaveTheDetachedMarkUntilTheSandboxIsForgotten() {
        ResultCache cache = new ResultCache(dir);
        cache.put(pending());
        cache.remove(pending());
        cache.markDetached("4f2a9c");
        assertEquals(List.of(), cache.forSandbox("4f2a9c"));
        assertTrue(cache.isDetached("4f2a9c"));
        cache.remove(pending());
        cache.forget("4f2a9c");
        assertFalse(cache.isDetached("4f2a9c"));
        assertFalse(Files.exists(dir.resolve("4f2a9c")));
        cache.forget("4f2a9c");
    }

    @Test
    void unreadableEntriesAndTempFilesAreSkipped() throws IOException {
        ResultCache cache = new ResultCache(dir);
        cache.put(pending());
        Files.writeString(dir.resolve("4f2a9c/other-eth0.json"), "{\"kind\": \"something\"}");
        Files.writeString(dir.resolve("4f2a9c/.golden-eth0.json.tmp"), "half a wri");
        assertEquals(1, cache.forSandbox("4f2a9c").size());
        assertEquals(List.of(), cache.forSandbox("unknown"));
    }

    @Test
    void theEntryFormatIsVersioned() {
        assertEquals(ResultCache.KIND, Json.text(ResultCache.toJson(pending()), "kind"));
        assertNull(ResultCache.toJson(pending()).get("result").textValue());
    }
}
