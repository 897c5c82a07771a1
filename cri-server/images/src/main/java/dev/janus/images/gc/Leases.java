package dev.janus.images.gc;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In-memory protection of what a running pull is about to use or write, before metadata names
 * it: garbage collection keeps every leased blob and snapshot. Leases are taken under the GC
 * lock, so a pull sees either the state before a collection or after it, never a blob that is
 * half-way to deletion.
 */
public final class Leases {

    private final ReentrantLock gcLock = new ReentrantLock();
    private final Map<String, Integer> blobs = new HashMap<>();
    private final Map<String, Integer> snapshots = new HashMap<>();

    /** A pull's lease; close it once the image record is committed (or the pull failed). */
    public final class Lease implements AutoCloseable {
        private final Set<String> myBlobs = new HashSet<>();
        private final Set<String> mySnapshots = new HashSet<>();

        public void blobs(Collection<String> digests) {
            exclusively(() -> {
                digests.stream().filter(myBlobs::add).forEach(d -> blobs.merge(d, 1, Integer::sum));
                return null;
            });
        }

        public void snapshots(Collection<String> chainIds) {
            exclusively(() -> {
                chainIds.stream().filter(mySnapshots::add).forEach(c -> snapshots.merge(c, 1, Integer::sum));
                return null;
            });
        }

        @Override
        public void close() {
            exclusively(() -> {
                myBlobs.forEach(d -> blobs.computeIfPresent(d, (k, n) -> n == 1 ? null : n - 1));
                mySnapshots.forEach(c -> snapshots.computeIfPresent(c, (k, n) -> n == 1 ? null : n - 1));
                return null;
            });
        }
    }

    public Lease open() {
        return new Lease();
    }

    /** Runs {@code action} holding the GC lock: collections, removals and layer holds. */
    public <T> T exclusively(Supplier<T> action) {
        gcLock.lock();
        try {
            return action.get();
        } finally {
            gcLock.unlock();
        }
    }

    /** Call with the GC lock held. */
    Set<String> leasedBlobs() {
        return Set.copyOf(blobs.keySet());
    }

    /** Call with the GC lock held. */
    Set<String> leasedSnapshots() {
        return Set.copyOf(snapshots.keySet());
    }
}
