package dev.janus.cri.state;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * janusd's one embedded store (H2's MVStore, a log-structured file). Every change is committed
 * before the CRI call that made it returns, so a kill -9 loses nothing a client was told about.
 * The image store keeps its own maps in the same file.
 */
public final class StateStore implements AutoCloseable {

    private final MVStore store;

    private StateStore(MVStore store) {
        this.store = store;
    }

    public static StateStore open(Path rootDir) {
        try {
            Files.createDirectories(rootDir);
        } catch (IOException e) {
            throw CriException.internal("cannot create root dir " + rootDir, e);
        }
        MVStore store = new MVStore.Builder()
                .fileName(rootDir.resolve("janus.db").toString())
                .autoCommitDisabled()
                .open();
        return new StateStore(store);
    }

    public MVStore mvStore() {
        return store;
    }

    public MVMap<String, byte[]> map(String name) {
        return store.openMap(name);
    }

    /** Makes every change so far durable against a crash of this process. */
    public synchronized void commit() {
        store.commit();
    }

    @Override
    public void close() {
        store.close();
    }
}
