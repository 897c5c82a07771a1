package dev.janus.isolation.uvm.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleWatcherTest {

    @Test
    void markersLoseTheGuestUptime() {
        assertEquals(Optional.of("exec agent"), ConsoleWatcher.markerOf("janus-init: exec agent 8.91"));
        assertEquals(Optional.of("channel /dev/vport0p1"),
                ConsoleWatcher.markerOf("janus-init: channel /dev/vport0p1 10.69"));
        assertEquals(Optional.of("start"), ConsoleWatcher.markerOf("janus-init: start"));
        assertEquals(Optional.empty(), ConsoleWatcher.markerOf("[    0.000000] Linux version 6.1.0"));
    }

    @Test
    void followsTheLogAsQemuAppendsToIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("console.log");
        CountDownLatch first = new CountDownLatch(1);
        List<String> markers = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        try (ConsoleWatcher watcher = new ConsoleWatcher(log, first::countDown, (m, at) -> {
            markers.add(m);
            two.countDown();
        })) {
            watcher.start();
            Thread.sleep(50); // the file does not exist yet: the watcher waits for it
            Files.writeString(log, "[    0.000000] Linux version\njanus-init: st");
            assertTrue(first.await(5, TimeUnit.SECONDS));
            Files.writeString(log, "art 4.20\r\nnoise\njanus-init: exec agent 6.00\n", StandardOpenOption.APPEND);
            assertTrue(two.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("start", "exec agent"), markers);
        assertTrue(Instant.now().isAfter(Instant.EPOCH));
    }
}
