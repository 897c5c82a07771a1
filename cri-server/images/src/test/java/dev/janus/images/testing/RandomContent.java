package dev.janus.images.testing;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** A stream of {@code size} pseudo-random (incompressible) bytes, reproducible from a seed. */
public final class RandomContent extends InputStream {

    private final SplittableRandom random;
    private long left;

    public RandomContent(long size, long seed) {
        this.random = new SplittableRandom(seed);
        this.left = size;
    }

    @Override
    public int read() {
        if (left <= 0) {
            return -1;
        }
        left--;
        return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long r = random.nextLong();
            for (int k = 0; k < 8; k++) {
                b[off + i + k] = (byte) (r >>> (k * 8));
            }
        }
        for (; i < n; i++) {
            b[off + i] = (byte) random.nextInt(256);
        }
        left -= n;
        return n;
    }

    /** A layer of one file of random bytes at {@code path}. */
    public static Layer layer(Path dir, Compression compression, String path, long size, long seed) {
        return LayerBuilder.create(dir, compression).dir("data").file(path, size, new RandomContent(size, seed), 0644).build();
    }
}
