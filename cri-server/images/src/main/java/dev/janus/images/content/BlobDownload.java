package dev.janus.images.content;

import dev.janus.images.ImageException;
import dev.janus.images.manifest.Descriptor;
import dev.janus.images.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one blob into an ingest file, verifying size and sha256 on the way. A connection that
 * breaks mid-body is resumed with a range request from the last byte written; a server that
 * ignores the range makes it start over. Never holds more than one buffer of the blob in memory.
 */
final class BlobDownload {

    private static final Logger LOG = LoggerFactory.getLogger(BlobDownload.class);
    private static final int BUFFER = 256 * 1024;

    private final Descriptor descriptor;
    private final Digest expected;
    private final BlobSource source;
    private final int attempts;
    private final IntConsumer backoff;

    BlobDownload(Descriptor descriptor, BlobSource source, int attempts, IntConsumer backoff) {
        this.descriptor = descriptor;
        this.expected = descriptor.parsedDigest();
        this.source = source;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /** Fills {@code ingestFile} (which must not exist) with the verified blob. */
    void into(Path ingestFile) throws IOException {
        try (DigestingWriter writer = DigestingWriter.create(ingestFile)) {
            boolean resumed = downloadAll(writer);
            Digest actual = writer.digest();
            if (!actual.equals(expected) && resumed) {
                LOG.warn("blob {} did not verify after a resumed download; downloading it again", expected);
                writer.restart();
                downloadAll(writer);
                actual = writer.digest();
            }
            if (!actual.equals(expected)) {
                throw ImageException.invalid("blob " + expected + " has digest " + actual + "; refused");
            }
            writer.sync();
        }
    }

    /** Returns whether the download had to be resumed. */
    private boolean downloadAll(DigestingWriter writer) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int failures = 0;
        boolean resumed = false;
        while (true) {
            BlobSource.Opened opened = source.open(writer.written());
            if (opened.offset() != writer.written()) {
                writer.restart();
            }
            resumed |= opened.offset() > 0;
            checkAnnouncedSize(opened);
            try (InputStream body = opened.body()) {
                copy(body, writer, buffer);
            } catch (InterruptedIOException e) {
                throw ImageException.unavailable("download of blob " + expected + " was cancelled", e);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw ImageException.unavailable("download of blob " + expected + " was cancelled", e);
                }
                failures++;
                if (failures >= attempts) {
                    throw ImageException.unavailable("download of blob " + expected + " broke " + failures
                            + " times, last at byte " + writer.written() + ": " + e.getMessage(), e);
                }
                LOG.info("download of blob {} broke at byte {} ({}); resuming", expected, writer.written(), e.toString());
                backoff.accept(failures);
                continue;
            }
            return resumed;
        }
    }

    private void copy(InputStream body, DigestingWriter writer, byte[] buffer) throws IOException {
        while (true) {
            int n = body.read(buffer);
            if (n < 0) {
                if (writer.written() < descriptor.size()) {
                    throw new IOException("body ended after " + writer.written() + " of " + descriptor.size() + " bytes");
                }
                return;
            }
            if (writer.written() + n > descriptor.size()) {
                throw ImageException.invalid("blob " + expected + " is larger than the " + descriptor.size()
                        + " bytes its descriptor declares; refused");
            }
            writer.write(buffer, 0, n);
        }
    }

    private void checkAnnouncedSize(BlobSource.Opened opened) {
        if (opened.totalSize().isPresent() && opened.totalSize().getAsLong() != descriptor.size()) {
            try {
                opened.body().close();
            } catch (IOException ignored) {
                // refusing anyway
            }
            throw ImageException.invalid("blob " + expected + " is served with " + opened.totalSize().getAsLong()
                    + " bytes but its descriptor declares " + descriptor.size() + "; refused");
        }
    }
}
