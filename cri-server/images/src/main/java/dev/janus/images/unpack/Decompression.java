package dev.janus.images.unpack;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.janus.images.ImageException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens a layer blob as a tar stream: gzip, zstd or plain tar, recognised by their magic bytes
 * (as containerd does; media types are not always honest). The result refuses to yield more
 * than {@code limit} bytes, which stops decompression bombs before they fill the disk.
 */
final class Decompression {

    private static final int BUFFER = 128 * 1024;

    enum Format { GZIP, ZSTD, TAR }

    private Decompression() {
    }

    static InputStream open(InputStream blob, long limit, String layer) throws IOException {
        BufferedInputStream in = new BufferedInputStream(blob, BUFFER);
        try {
            InputStream tar = switch (sniff(in)) {
                case GZIP -> new GZIPInputStream(in, BUFFER);
                case ZSTD -> new ZstdInputStreamNoFinalizer(in);
                case TAR -> in;
            };
            return new Limited(tar, limit, layer);
        } catch (IOException e) {
            throw ImageException.invalid("layer " + layer + " is corrupt: " + e.getMessage());
        }
    }

    static Format sniff(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return Format.GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return Format.ZSTD;
        }
        return Format.TAR;
    }

    /** Counts what the decompressor yields and stops at the limit. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final String layer;
        private long count;

        Limited(InputStream in, long limit, String layer) {
            super(in);
            this.limit = limit;
            this.layer = layer;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                account(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                account(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            account(skipped);
            return skipped;
        }

        private void account(long n) {
            count += n;
            if (count > limit) {
                throw ImageException.invalid("layer " + layer + " expands beyond the limit of " + limit
                        + " bytes (maxUncompressedLayerBytes); refused as a decompression bomb");
            }
        }
    }
}
