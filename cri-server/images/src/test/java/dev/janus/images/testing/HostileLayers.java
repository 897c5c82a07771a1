package dev.janus.images.testing;

import dev.janus.images.reference.Digest;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Layers an image store must refuse, each with the phrase its refusal must contain. Paths that
 * try to escape aim at {@code outside} (a directory the test then checks is still empty).
 * Each image is a good busybox layer with the hostile layer on top, so the test also sees that
 * a refused layer leaves the good lower snapshot intact and no partial snapshot behind.
 */
public final class HostileLayers {

    /** One hostile image. {@code expected} is a phrase the error message must contain. */
    public record Case(String name, BuiltImage image, String expected) {
    }

    /** Bytes of zeros in the bomb layer; the test's limit must be below this. */
    public static final long BOMB_BYTES = 64L << 20;

    private HostileLayers() {
    }

    public static List<Case> all(Path dir, Path outside) {
        String up = "../".repeat(24);
        String out = outside.toString().substring(1); // without its leading '/'
        Layer base = TestImages.busyboxLayer(dir, Compression.GZIP);
        List<Case> cases = new ArrayList<>();
        cases.add(hostile(base, "dotdot", "contains '..'", layer(dir)
                .file(up + out + "/dotdot", "escaped\n").build()));
        cases.add(hostile(base, "absolute", "is an absolute path", layer(dir)
                .raw(new TarArchiveEntry(outside.resolve("absolute").toString(), true), "escaped\n".getBytes()).build()));
        cases.add(hostile(base, "symlink-escape", "points outside", layer(dir)
                .symlink("escape", up + out).file("escape/through-symlink", "escaped\n").build()));
        cases.add(hostile(base, "symlink-chain-escape", "points outside", layer(dir)
                .symlink("a", "b").symlink("b", "c/../..").dir("c").file("a/chain", "escaped\n").build()));
        cases.add(hostile(base, "whiteout-through-symlink", "points outside", layer(dir)
                .symlink("w", up + out).whiteout("w/victim").build()));
        cases.add(hostile(base, "hardlink-escape", "contains '..'", layer(dir)
                .hardlink("passwd", up + "etc/passwd").build()));
        cases.add(hostile(base, "hardlink-through-absolute-symlink", "not in this layer", layer(dir)
                .symlink("hostetc", "/etc").hardlink("stolen", "hostetc/passwd").build()));
        cases.add(hostile(base, "char-device", "is a device node", layer(dir)
                .dir("dev").charDevice("dev/mem", 1, 1).build()));
        cases.add(hostile(base, "block-device", "is a device node", layer(dir)
                .raw(blockDevice("sda"), null).build()));
        cases.add(hostile(base, "overlay-xattr", "sets the overlayfs attribute", layer(dir)
                .file("redirected", "x\n", Map.of("trusted.overlay.redirect", "/etc")).build()));
        cases.add(hostile(base, "decompression-bomb", "decompression bomb", layer(dir)
                .file("zeros", BOMB_BYTES, new InputStream() {
                    private long left = BOMB_BYTES;

                    @Override
                    public int read() {
                        return left-- > 0 ? 0 : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, left);
                        Arrays.fill(b, off, off + n, (byte) 0);
                        left -= n;
                        return n;
                    }
                }, 0644).build()));
        Layer honest = layer(dir).file("honest", "content\n").build();
        Layer lying = new Layer(honest.blob(), Digest.of("something else".getBytes()));
        cases.add(new Case("diff-id-mismatch", ImageBuilder.oci().layer(base).layer(lying).build(), "not the diff id"));
        return cases;
    }

    private static LayerBuilder layer(Path dir) {
        return LayerBuilder.create(dir, Compression.GZIP);
    }

    private static Case hostile(Layer base, String name, String expected, Layer layer) {
        return new Case(name, ImageBuilder.oci().layer(base).layer(layer).label("hostile", name).build(), expected);
    }

    private static TarArchiveEntry blockDevice(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_BLK);
        e.setDevMajor(8);
        e.setDevMinor(0);
        return e;
    }
}
