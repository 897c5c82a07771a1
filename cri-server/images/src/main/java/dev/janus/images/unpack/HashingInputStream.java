package dev.janus.images.unpack;

import dev.janus.images.reference.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes everything that passes, skipped bytes included (the JDK's DigestInputStream lets
 * {@code skip} bypass the digest, which would break the diff id of any tar with padding).
 */
final class HashingInputStream extends FilterInputStream {

    private final MessageDigest sha256 = Digest.newSha256();
    private final byte[] scratch = new byte[64 * 1024];

    HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha256.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            sha256.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Reads to the end (tar archives carry trailing zero blocks), then returns the digest. */
    Digest drainAndDigest() throws IOException {
        while (read(scratch, 0, scratch.length) >= 0) {
            // hashing only
        }
        return Digest.fromBytes(sha256.digest());
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
