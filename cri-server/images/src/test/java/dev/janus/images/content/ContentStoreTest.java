package dev.janus.images.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.images.ImageException;
import dev.janus.images.manifest.Descriptor;
import dev.janus.images.reference.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {

    @TempDir
    Path root;

    private final byte[] data = randomBytes(1 << 20);
    private final Descriptor descriptor = Descriptor.of("application/octet-stream", Digest.of(data), data.length);

    private ContentStore store() {
        return new ContentStore(root, new Semaphore(3), 4, attempt -> { });
    }

    @Test
    void storesVerifiedBlobsAtTheirDigest() throws IOException {
        ContentStore store = store();
        Path path = store.fetch(descriptor, offset -> serve(data, offset, -1));
        assertEquals(root.resolve("content/blobs/sha256/" + descriptor.parsedDigest().hex()), path);
        assertArrayEquals(data, Files.readAllBytes(path));
        assertTrue(store.has(descriptor));
        assertTrue(ingestIsEmpty());
    }

    @Test
    void resumesABrokenDownloadWithARange() {
        List<Long> offsets = new ArrayList<>();
        store().fetch(descriptor, offset -> {
            offsets.add(offset);
            return serve(data, offset, offsets.size() < 3 ? offset + 300_000 : -1);
        });
        assertEquals(List.of(0L, 300_000L, 600_000L), offsets);
    }

    @Test
    void restartsWhenTheServerIgnoresTheRange() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Path path = store().fetch(descriptor, offset -> {
            boolean first = calls.getAndIncrement() == 0;
            BlobSource.Opened full = serve(data, 0, first ? 100_000 : -1);
            return new BlobSource.Opened(full.body(), 0, full.totalSize());
        });
        assertArrayEquals(data, Files.readAllBytes(path));
    }

    @Test
    void refusesWrongContentAndLeavesNothing() {
        byte[] other = data.clone();
        other[12345] ^= 1;
        ImageException e = assertThrows(ImageException.class, () -> store().fetch(descriptor, offset -> serve(other, offset, -1)));
        assertEquals(ImageException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("has digest"), e.getMessage());
        assertFalse(store().has(descriptor));
        assertTrue(ingestIsEmpty());
    }

    @Test
    void refusesBlobsLargerThanDeclared() {
        byte[] longer = new byte[data.length + 10];
        ImageException e = assertThrows(ImageException.class,
                () -> store().fetch(descriptor, offset -> new BlobSource.Opened(new ByteArrayInputStream(longer), 0, OptionalLong.empty())));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        ImageException announced = assertThrows(ImageException.class,
                () -> store().fetch(descriptor, offset -> new BlobSource.Opened(new ByteArrayInputStream(longer), 0, OptionalLong.of(longer.length))));
        assertTrue(announced.getMessage().contains("served with"), announced.getMessage());
    }

    @Test
    void concurrentFetchesDownloadOnce() throws Exception {
        ContentStore store = store();
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        BlobSource slow = offset -> {
            opened.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return serve(data, offset, -1);
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> store.fetch(descriptor, slow)));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<Path> f : results) {
                assertTrue(Files.exists(f.get()));
            }
        }
        assertEquals(1, opened.get());
    }

    private boolean ingestIsEmpty() {
        try (Stream<Path> files = Files.list(root.resolve("content/ingest"))) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves {@code bytes} from {@code offset}, breaking after {@code breakAt} absolute bytes (-1: never). */
    private static BlobSource.Opened serve(byte[] bytes, long offset, long breakAt) {
        InputStream body = new InputStream() {
            private int pos = (int) offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (breakAt >= 0 && pos >= breakAt) {
                    throw new IOException("connection reset (test)");
                }
                if (pos >= bytes.length) {
                    return -1;
                }
                int end = (int) Math.min(bytes.length, breakAt >= 0 ? Math.min(breakAt, pos + len) : pos + len);
                int n = end - pos;
                System.arraycopy(bytes, pos, b, off, n);
                pos = end;
                return n;
            }
        };
        return new BlobSource.Opened(body, offset, OptionalLong.of(bytes.length));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }
}
