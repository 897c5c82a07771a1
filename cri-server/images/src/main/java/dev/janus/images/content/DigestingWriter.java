package dev.janus.images.content;

import dev.janus.images.reference.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Writes a blob to its ingest file while hashing it, so the digest is known the moment the
 * last byte lands, without reading the file again. {@link #restart} drops what was written when
 * a server ignores a range request.
 */
final class DigestingWriter implements AutoCloseable {

    private final FileChannel channel;
    private MessageDigest sha256 = Digest.newSha256();
    private long written;

    private DigestingWriter(FileChannel channel) {
        this.channel = channel;
    }

    static DigestingWriter create(Path file) throws IOException {
        return new DigestingWriter(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    void write(byte[] buffer, int offset, int length) throws IOException {
        sha256.update(buffer, offset, length);
        ByteBuffer b = ByteBuffer.wrap(buffer, offset, length);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        written += length;
    }

    long written() {
        return written;
    }

    void restart() throws IOException {
        channel.truncate(0);
        channel.position(0);
        sha256 = Digest.newSha256();
        written = 0;
    }

    /** The digest of everything written; call once, after the last write. */
    Digest digest() {
        return Digest.fromBytes(sha256.digest());
    }

    /** Flushes to disk so a committed blob survives a power cut, as containerd's writer does. */
    void sync() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
