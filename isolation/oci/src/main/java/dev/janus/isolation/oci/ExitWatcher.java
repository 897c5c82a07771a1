package dev.janus.isolation.oci;

import dev.janus.isolation.ExitEvent;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the exit notices conmon writes into its exit dir (one file per container, named by id,
 * holding the exit code) into exit events. conmon writes through a temporary name, so only
 * names that are ids count.
 */
final class ExitWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ExitWatcher.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;
    private final CopyOnWriteArrayList<Consumer<ExitEvent>> listeners = new CopyOnWriteArrayList<>();

    ExitWatcher(Path dir) {
        this.dir = dir;
    }

    void addListener(Consumer<ExitEvent> listener) {
        listeners.add(listener);
    }

    void start() {
        WatchService watcher;
        try {
            Files.createDirectories(dir);
            watcher = FileSystems.getDefault().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch exit dir " + dir, e);
        }
        Thread.ofPlatform().daemon().name("exits-" + dir.getParent().getFileName()).start(() -> loop(watcher));
    }

    private void loop(WatchService watcher) {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException e) {
                return;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path name && ID.matcher(name.toString()).matches()) {
                    notifyExit(name.toString());
                }
            }
            key.reset();
        }
    }

    private void notifyExit(String id) {
        int code;
        try {
            code = Integer.parseInt(Files.readString(dir.resolve(id)).trim());
        } catch (IOException | NumberFormatException e) {
            return;
        }
        ExitEvent exit = new ExitEvent(id, code, Instant.now());
        for (Consumer<ExitEvent> listener : listeners) {
            try {
                listener.accept(exit);
            } catch (RuntimeException e) {
                LOG.warn("exit listener failed for {}: {}", id, e.toString());
            }
        }
    }
}
