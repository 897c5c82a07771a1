package dev.janus.images.testing;

import dev.janus.images.ImageStore;
import dev.janus.images.ImageStores;
import dev.janus.images.ImagesConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * An image store as janusd opens it: a root directory and an MVStore file, both in a temp
 * directory; {@link #reopen} closes and opens both again (a janusd restart).
 */
public final class StoreFixture implements AutoCloseable {

    private final Path dir;
    private final ImagesConfig config;
    private MVStore mvStore;
    private ImageStore store;

    public StoreFixture(ImagesConfig config) {
        try {
            this.dir = Files.createTempDirectory("janus-images-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.config = config;
        open();
    }

    public ImageStore store() {
        return store;
    }

    /** Where blobs and snapshots live. */
    public Path root() {
        return dir.resolve("root");
    }

    public Path mvStoreFile() {
        return dir.resolve("janusd.mv.db");
    }

    public MVStore mvStore() {
        return mvStore;
    }

    /** Closes and opens the store and its MVStore again, as a janusd restart does. */
    public ImageStore reopen() {
        suspend();
        open();
        return store;
    }

    /** Closes the store and the MVStore file (so another process may open them) without deleting anything. */
    public void suspend() {
        if (store != null) {
            store.close();
            mvStore.close();
            store = null;
        }
    }

    @Override
    public void close() {
        suspend();
        TempDirs.delete(dir);
    }

    private void open() {
        mvStore = new MVStore.Builder().fileName(mvStoreFile().toString()).open();
        store = ImageStores.open(config, root(), mvStore);
    }
}
