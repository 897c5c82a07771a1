package dev.janus.isolation.uvm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's log file in the CRI format kubelet reads ({@code kubectl logs}), one entry per
 * line: {@code <RFC3339Nano time> <stdout|stderr> <F|P> <text>}. A line longer than 16 KiB is
 * cut into P (partial) entries and ends with an F one, as containerd does. Both streams write
 * here; an entry is written whole. {@link #reopen} starts a new file after kubelet rotated the
 * old one away. Write errors are logged, not thrown: a full disk must not stop the container.
 * A null path drops everything (a container created without a log path).
 */
final class CriLogWriter implements AutoCloseable {

    /** containerd's max_container_log_line_size. */
    static final int MAX_LINE = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CriLogWriter.class);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    enum Stream { STDOUT, STDERR }

    private final Path path;
    private final Clock clock;
    private OutputStream out;
    private boolean warned;

    CriLogWriter(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
        open();
    }

    /** One entry: {@code text} without its newline; {@code partial} when the line goes on. */
    synchronized void entry(Stream stream, byte[] text, int offset, int length, boolean partial) {
        if (out == null) {
            return;
        }
        String head = timestamp(clock.instant()) + (stream == Stream.STDOUT ? " stdout " : " stderr ")
                + (partial ? "P " : "F ");
        try {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(text, offset, length);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            warnOnce(e);
        }
    }

    /** Closes the current file and opens {@code path} again (a new file if kubelet moved the old one). */
    synchronized void reopen() {
        closeQuietly();
        open();
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    /** Go's time.RFC3339Nano in UTC: nanoseconds without trailing zeros, no dot for a whole second. */
    static String timestamp(Instant at) {
        String fraction = String.format("%09d", at.getNano()).replaceAll("0+$", "");
        return SECONDS.format(at) + (fraction.isEmpty() ? "" : "." + fraction) + "Z";
    }

    private void open() {
        if (path == null) {
            return; // a container without a log path: its output is read and dropped
        }
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            warned = false;
        } catch (IOException e) {
            out = null;
            warnOnce(e);
        }
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                warnOnce(e);
            }
            out = null;
        }
    }

    private void warnOnce(IOException e) {
        if (!warned) {
            warned = true;
            LOG.warn("container log {}: {}", path, e.toString());
        }
    }
}
