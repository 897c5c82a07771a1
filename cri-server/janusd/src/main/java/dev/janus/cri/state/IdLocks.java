package dev.janus.cri.state;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per sandbox or container id, so concurrent calls on one id run one after the other
 * while calls on different ids run in parallel.
 */
public final class IdLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public Held lock(String id) {
        ReentrantLock lock = locks.computeIfAbsent(id, ignored -> new ReentrantLock());
        lock.lock();
        return lock::unlock;
    }

    /** Forgets the lock of an id that no longer exists. */
    public void forget(String id) {
        locks.remove(id);
    }
}
