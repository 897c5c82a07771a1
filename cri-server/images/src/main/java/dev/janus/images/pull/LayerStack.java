package dev.janus.images.pull;

import dev.janus.images.reference.Digest;
import dev.janus.images.snapshot.SnapshotStore;
import dev.janus.images.unpack.LayerUnpacker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the snapshots of an image's layer stack, bottom up, each as soon as its blob is there
 * (later layers keep downloading meanwhile). A snapshot already READY is reused; two pulls
 * needing the same chain id share one unpack. A failed unpack leaves no snapshot behind.
 */
final class LayerStack {

    private static final Logger LOG = LoggerFactory.getLogger(LayerStack.class);

    private final SnapshotStore snapshots;
    private final LayerUnpacker unpacker;
    private final ConcurrentHashMap<String, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

    LayerStack(SnapshotStore snapshots, LayerUnpacker unpacker) {
        this.snapshots = snapshots;
        this.unpacker = unpacker;
    }

    /** Returns the snapshot directories, bottom layer first. {@code blobs.get(i).get()} waits for layer i. */
    List<Path> unpack(List<String> diffIds, List<String> chainIds, List<Supplier<Path>> blobs) {
        List<Path> stack = new ArrayList<>();
        for (int i = 0; i < chainIds.size(); i++) {
            stack.add(ensure(chainIds.get(i), Digest.parse(diffIds.get(i)), blobs.get(i), topFirst(stack)));
        }
        return stack;
    }

    private Path ensure(String chainId, Digest diffId, Supplier<Path> blob, List<Path> lowers) {
        while (true) {
            Optional<Path> ready = snapshots.ready(chainId);
            if (ready.isPresent()) {
                return ready.get();
            }
            CompletableFuture<Path> mine = new CompletableFuture<>();
            CompletableFuture<Path> theirs = inFlight.putIfAbsent(chainId, mine);
            if (theirs != null) {
                try {
                    return theirs.join();
                } catch (CompletionException e) {
                    continue; // their unpack failed; ours may still succeed (or fail with our own error)
                }
            }
            try {
                Path dir = unpackOne(chainId, diffId, blob.get(), lowers);
                mine.complete(dir);
                return dir;
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(chainId, mine);
            }
        }
    }

    private Path unpackOne(String chainId, Digest diffId, Path blob, List<Path> lowers) {
        Path dir = snapshots.prepare(chainId, diffId.toString());
        long start = System.nanoTime();
        try {
            long entries = unpacker.unpack(blob, diffId, dir, lowers);
            snapshots.commit(chainId);
            LOG.debug("unpacked layer {} ({} entries) in {} ms", diffId, entries, (System.nanoTime() - start) / 1_000_000);
            return dir;
        } catch (RuntimeException e) {
            snapshots.abort(chainId);
            throw e;
        }
    }

    private static List<Path> topFirst(List<Path> bottomFirst) {
        List<Path> reversed = new ArrayList<>(bottomFirst);
        Collections.reverse(reversed);
        return reversed;
    }
}
