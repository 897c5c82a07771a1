package dev.janus.images;

import dev.janus.images.platform.HostPlatform;
import dev.janus.images.store.LocalImageStore;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/** Opens the image store janusd uses. */
public final class ImageStores {

    private ImageStores() {
    }

    /**
     * @param config  the {@code images} section of janusd's config ({@code null} means defaults)
     * @param rootDir where blobs ({@code content/}) and snapshots ({@code snapshots/}) live
     * @param store   janusd's MVStore; this module keeps its metadata in maps named {@code images.*}
     */
    public static ImageStore open(ImagesConfig config, Path rootDir, MVStore store) {
        return new LocalImageStore(config == null ? ImagesConfig.defaults() : config, rootDir, store, HostPlatform.current());
    }
}
