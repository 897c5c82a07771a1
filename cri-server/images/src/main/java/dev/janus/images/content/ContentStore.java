package dev.janus.images.content;

import dev.janus.images.ImageException;
import dev.janus.images.manifest.Descriptor;
import dev.janus.images.reference.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;

/**
 * Blobs by digest under {@code content/blobs/sha256/<hex>}. A blob is written to
 * {@code content/ingest/}, verified while it streams, synced, and renamed into place: a blob
 * path either does not exist or holds verified bytes. Concurrent pulls that need the same blob
 * share one download.
 */
public final class ContentStore {

    private final Path blobs;
    private final Path ingest;
    private final Semaphore downloads;
    private final int attempts;
    private final IntConsumer backoff;
    private final ConcurrentHashMap<Digest, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

    public ContentStore(Path root, Semaphore downloads, int attempts, IntConsumer backoff) {
        this.blobs = root.resolve("content").resolve("blobs").resolve("sha256");
        this.ingest = root.resolve("content").resolve("ingest");
        this.downloads = downloads;
        this.attempts = attempts;
        this.backoff = backoff;
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(ingest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the content store under " + root, e);
        }
    }

    public Path path(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    public boolean has(Descriptor descriptor) {
        try {
            return Files.size(path(descriptor.parsedDigest())) == descriptor.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** Stores small content already in memory (manifests, configs) after verifying it. */
    public void put(Descriptor descriptor, byte[] content) {
        Digest digest = descriptor.parsedDigest();
        if (content.length != descriptor.size() || !Digest.of(content).equals(digest)) {
            throw ImageException.invalid("content does not match descriptor " + digest);
        }
        if (has(descriptor)) {
            return;
        }
        Path partial = ingestFile(digest);
        try {
            Files.write(partial, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            commit(partial, digest);
        } catch (IOException e) {
            throw ImageException.internal("cannot store blob " + digest + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /**
     * Returns the path of the verified blob, downloading it from {@code source} unless it is
     * already here or another pull is downloading it (then waits for that one).
     */
    public Path fetch(Descriptor descriptor, BlobSource source) {
        Digest digest = descriptor.parsedDigest();
        while (true) {
            if (has(descriptor)) {
                return path(digest);
            }
            CompletableFuture<Path> mine = new CompletableFuture<>();
            CompletableFuture<Path> theirs = inFlight.putIfAbsent(digest, mine);
            if (theirs != null) {
                try {
                    return theirs.join();
                } catch (CompletionException e) {
                    continue; // their attempt failed (their credentials, their network): try ourselves
                }
            }
            try {
                Path path = downloadOnce(descriptor, source);
                mine.complete(path);
                return path;
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(digest, mine);
            }
        }
    }

    public Set<Digest> list() {
        Set<Digest> all = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(blobs)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (name.matches("[a-f0-9]{64}")) {
                    all.add(new Digest(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Deletes a blob; returns the bytes freed. */
    public long delete(Digest digest) {
        try {
            Path p = path(digest);
            long size = Files.size(p);
            Files.delete(p);
            return size;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops ingest files left by a process that died mid-download. */
    public void removeLeftovers() {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(ingest)) {
            for (Path p : dir) {
                deleteQuietly(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path downloadOnce(Descriptor descriptor, BlobSource source) {
        Digest digest = descriptor.parsedDigest();
        Path partial = ingestFile(digest);
        downloads.acquireUninterruptibly();
        try {
            new BlobDownload(descriptor, source, attempts, backoff).into(partial);
            commit(partial, digest);
            return path(digest);
        } catch (IOException e) {
            throw ImageException.internal("cannot write blob " + digest + " under " + ingest + ": " + e.getMessage(), e);
        } finally {
            downloads.release();
            deleteQuietly(partial);
        }
    }

    private void commit(Path partial, Digest digest) throws IOException {
        Files.move(partial, path(digest), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(blobs, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private Path ingestFile(Digest digest) {
        return ingest.resolve(digest.hex() + "." + Long.toHexString(System.nanoTime()) + Thread.currentThread().threadId());
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // removed at the next start
        }
    }
}
