package dev.janus.images.unpack;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns OCI whiteouts into overlayfs form, so each layer's snapshot can be a lowerdir as is:
 * {@code .wh.<name>} becomes a character device 0:0 named {@code <name>} (the file is deleted in
 * the merged view), {@code .wh..wh..opq} sets {@code trusted.overlay.opaque=y} on its directory
 * (lower layers' contents of that directory are hidden). Other {@code .wh..wh.} names are AUFS
 * bookkeeping and are skipped.
 */
final class WhiteoutConverter {

    static final String PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private WhiteoutConverter() {
    }

    static boolean isWhiteout(String name) {
        return name.startsWith(PREFIX);
    }

    /** Applies the whiteout {@code name} found in {@code dir} (already resolved inside the snapshot). */
    static void apply(String tarName, Path dir, String name) throws IOException {
        if (name.equals(OPAQUE)) {
            LibC.setXattr(dir, OPAQUE_XATTR, "y");
            return;
        }
        if (name.startsWith(PREFIX + PREFIX)) {
            return;
        }
        String hidden = name.substring(PREFIX.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw PathGuard.refused(tarName, "is a whiteout of nothing");
        }
        Path target = dir.resolve(hidden);
        FileTree.removeIfExists(target);
        LibC.makeWhiteout(target);
    }
}
