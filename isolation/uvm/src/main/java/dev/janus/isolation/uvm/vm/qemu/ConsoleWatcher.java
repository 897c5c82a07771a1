package dev.janus.isolation.uvm.vm.qemu;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Follows the VM's console log (QEMU writes it; it stays when janusd goes) and reports when the
 * first byte came and each {@code janus-init: } line, stamped with the host clock. Polls every
 * 10 ms during boot (a file chardev offers no notification; that grain is enough for boot
 * phases), every 250 ms after two minutes.
 */
final class ConsoleWatcher implements AutoCloseable {

    static final String MARKER = "janus-init: ";
    private static final long POLL_MILLIS = 10;
    private static final long IDLE_POLL_MILLIS = 250;
    private static final long BOOT_NANOS = 120_000_000_000L;

    private final Path log;
    private final Runnable firstOutput;
    private final BiConsumer<String, Instant> marker;
    private volatile boolean closed;

    /**
     * @param marker gets the text after {@code janus-init: } without the guest uptime, e.g.
     *     {@code start}, {@code exec agent}
     */
    ConsoleWatcher(Path log, Runnable firstOutput, BiConsumer<String, Instant> marker) {
        this.log = log;
        this.firstOutput = firstOutput;
        this.marker = marker;
    }

    void start() {
        Thread.ofVirtual().name("console-" + log.getParent().getFileName()).start(this::follow);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void follow() {
        long started = System.nanoTime();
        boolean seenOutput = false;
        StringBuilder line = new StringBuilder();
        byte[] chunk = new byte[16 * 1024];
        RandomAccessFile file = null;
        try {
            while (!closed) {
                if (file == null) {
                    file = open();
                }
                int n;
                while (file != null && (n = file.read(chunk)) > 0) {
                    if (!seenOutput) {
                        seenOutput = true;
                        firstOutput.run();
                    }
                    scan(chunk, n, line);
                }
                // boot phases need the fine grain; a VM that is up needs the console rarely
                sleep(System.nanoTime() - started < BOOT_NANOS ? POLL_MILLIS : IDLE_POLL_MILLIS);
            }
        } catch (IOException e) {
            // the VM directory went away
        } finally {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    // nothing left to do
                }
            }
        }
    }

    private RandomAccessFile open() {
        try {
            return new RandomAccessFile(log.toFile(), "r");
        } catch (IOException e) {
            return null; // QEMU has not created it yet
        }
    }

    private void scan(byte[] chunk, int n, StringBuilder line) {
        String text = new String(chunk, 0, n, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                markerOf(line.toString()).ifPresent(m -> marker.accept(m, Instant.now()));
                line.setLength(0);
            } else if (c != '\r' && line.length() < 4096) {
                line.append(c);
            }
        }
    }

    /** {@code janus-init: exec agent 8.91} -> {@code exec agent}; anything else -> empty. */
    static Optional<String> markerOf(String line) {
        int at = line.indexOf(MARKER);
        if (at < 0) {
            return Optional.empty();
        }
        String text = line.substring(at + MARKER.length()).strip();
        int space = text.lastIndexOf(' ');
        if (space > 0 && text.substring(space + 1).matches("\\d+\\.\\d+")) {
            text = text.substring(0, space);
        }
        return Optional.of(text);
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
