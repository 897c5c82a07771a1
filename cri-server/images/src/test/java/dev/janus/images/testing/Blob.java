package dev.janus.images.testing;

import dev.janus.images.manifest.Descriptor;
import dev.janus.images.reference.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A blob a test pushes: small ones in memory, layers in a file. Exactly one of bytes/file is set. */
public record Blob(String mediaType, Digest digest, long size, byte[] bytes, Path file) {

    public static Blob of(String mediaType, byte[] bytes) {
        return new Blob(mediaType, Digest.of(bytes), bytes.length, bytes, null);
    }

    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, size);
    }

    public byte[] readAll() {
        if (bytes != null) {
            return bytes;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
