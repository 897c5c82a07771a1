package dev.janus.images.content;

import java.io.InputStream;
import java.util.OptionalLong;

/** Where a blob's bytes come from: opened again at an offset when a download breaks. */
@FunctionalInterface
public interface BlobSource {

    /**
     * The body from {@code offset}; {@link Opened#offset} is 0 if the source ignored the offset.
     * {@code totalSize} is the size the source announces for the whole blob, if it does.
     */
    Opened open(long offset);

    record Opened(InputStream body, long offset, OptionalLong totalSize) {
    }
}
