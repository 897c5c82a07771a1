package dev.janus.images.it;

import dev.janus.images.ImageStore;
import dev.janus.images.ImageStores;
import dev.janus.images.ImagesConfig;
import dev.janus.images.RegistryAuth;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/** Run in a child JVM by {@link ResilienceIT}, which kills it with SIGKILL in the middle of the pull. */
public final class PullInChild {

    private PullInChild() {
    }

    public static void main(String[] args) {
        MVStore mvStore = new MVStore.Builder().fileName(args[1]).open();
        ImageStore store = ImageStores.open(ImagesConfig.defaults(), Path.of(args[0]), mvStore);
        for (int i = 2; i < args.length; i++) {
            store.pull(args[i], RegistryAuth.NONE, null);
            System.out.println("pulled " + args[i]);
        }
        mvStore.close();
    }
}
