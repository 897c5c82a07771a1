package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.FsUsage;
import dev.janus.images.ImagesConfig;
import dev.janus.images.RegistryAuth;
import dev.janus.images.testing.StoreFixture;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ImageFsInfo's numbers match {@code du -sb} and {@code du --inodes} within 1%. */
class FsUsageIT {

    private static TestRegistry registry;
    private static Path build;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        build = Files.createTempDirectory("janus-fsusageit-");
        registry = TestRegistry.start();
        registry.pusher().push("u/multi", "1", TestImages.multiLayer(build));
        registry.pusher().push("u/zstd", "1", TestImages.zstd(build));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        TempDirs.delete(build);
    }

    @Test
    void usageMatchesDu() throws Exception {
        try (StoreFixture fixture = new StoreFixture(ImagesConfig.defaults())) {
            fixture.store().pull(registry.address() + "/u/multi:1", RegistryAuth.NONE, null);
            fixture.store().pull(registry.address() + "/u/zstd:1", RegistryAuth.NONE, null);
            FsUsage usage = fixture.store().usage();
            long bytes = du(fixture.root(), "-sb");
            long inodes = du(fixture.root(), "-s", "--inodes");
            assertEquals(fixture.root(), usage.mountpoint());
            assertWithinOnePercent(bytes, usage.usedBytes(), "bytes");
            assertWithinOnePercent(inodes, usage.inodesUsed(), "inodes");

            fixture.store().remove(registry.address() + "/u/zstd:1");
            FsUsage after = fixture.store().usage();
            assertTrue(after.usedBytes() < usage.usedBytes(), "removal shows in the usage");
            assertWithinOnePercent(du(fixture.root(), "-sb"), after.usedBytes(), "bytes after removal");
        }
    }

    private static void assertWithinOnePercent(long expected, long actual, String what) {
        assertTrue(Math.abs(expected - actual) <= expected / 100, what + ": du says " + expected + ", usage() " + actual);
    }

    private static long du(Path dir, String... flags) throws Exception {
        String[] command = new String[flags.length + 2];
        command[0] = "du";
        System.arraycopy(flags, 0, command, 1, flags.length);
        command[command.length - 1] = dir.toString();
        return Long.parseLong(Overlay.run(command).trim().split("\\s+")[0]);
    }
}
