package dev.janus.images.testing;

import dev.janus.images.reference.Digest;

/** A built layer: the blob as pushed and the digest of its uncompressed tar. */
public record Layer(Blob blob, Digest diffId) {
}
