package dev.janus.images.testing;

import dev.janus.images.Platform;
import java.util.List;

/** An image ready to push: config, layers (bottom first), manifest. */
public record BuiltImage(Blob config, List<Layer> layers, Blob manifest, Platform platform) {

    /** The id CRI reports for it: the config's digest. */
    public String id() {
        return config.digest().toString();
    }
}
