package dev.janus.images.unpack;

import dev.janus.images.ImageException;
import dev.janus.images.reference.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Unpacks one layer blob into an empty snapshot directory in overlayfs form (see
 * {@link WhiteoutConverter}), streaming: blob, decompression, diff-id hashing, tar, files.
 * Hostile content is refused with INVALID_ARGUMENT naming the entry and the reason; the caller
 * removes the directory of a refused layer. Device nodes are refused: a container gets its
 * devices from the runtime, never from an image.
 */
public final class LayerUnpacker {

    private final long maxUncompressedBytes;

    public LayerUnpacker(long maxUncompressedBytes) {
        this.maxUncompressedBytes = maxUncompressedBytes;
    }

    /**
     * @param lowers the snapshots of the layers below, top first (for parents the layer omits)
     * @return the number of entries unpacked
     */
    public long unpack(Path blob, Digest diffId, Path target, List<Path> lowers) {
        String layer = diffId.toString();
        try (InputStream file = Files.newInputStream(blob);
             HashingInputStream hashed = new HashingInputStream(
                     new ReadFailuresAreCorruption(Decompression.open(file, maxUncompressedBytes, layer), layer))) {
            long entries = extract(new TarReader(hashed), target, lowers);
            Digest actual = hashed.drainAndDigest();
            if (!actual.equals(diffId)) {
                throw ImageException.invalid("layer " + layer + " unpacks to content with digest " + actual
                        + ", not the diff id the image config lists; refused");
            }
            return entries;
        } catch (InvalidPathException e) {
            throw ImageException.invalid("layer " + layer + " has an entry name that is not a valid path: " + e.getMessage());
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            throw writeFailure(layer, target, e);
        }
    }

    private long extract(TarReader tar, Path target, List<Path> lowers) throws IOException {
        PathGuard guard = new PathGuard(target);
        EntryWriter writer = new EntryWriter(lowers);
        long count = 0;
        for (TarEntry entry = tar.next(); entry != null; entry = tar.next()) {
            count++;
            List<String> parts = PathGuard.components(entry.name());
            if (parts.isEmpty()) {
                continue; // the layer root itself: the snapshot root keeps root 0755
            }
            String last = parts.get(parts.size() - 1);
            Path parent = guard.parentOf(entry.name(), parts, writer::impliedDirectory);
            if (WhiteoutConverter.isWhiteout(last)) {
                WhiteoutConverter.apply(entry.name(), parent, last);
                continue;
            }
            Path path = parent.resolve(last);
            switch (entry.type()) {
                case TarEntry.DIRECTORY -> writer.directory(path, entry);
                case TarEntry.FILE -> writer.file(path, entry, tar.content());
                case TarEntry.SYMLINK -> writer.symlink(path, entry, entry.name());
                case TarEntry.HARDLINK -> writer.hardlink(path, guard.linkTarget(entry.name(), entry.linkName()));
                case TarEntry.FIFO -> writer.fifo(path, entry);
                case TarEntry.CHAR_DEVICE, TarEntry.BLOCK_DEVICE -> throw PathGuard.refused(entry.name(), "is a device node");
                default -> throw PathGuard.refused(entry.name(), "has unsupported type " + entry.type());
            }
        }
        writer.finish();
        return count;
    }

    private static ImageException writeFailure(String layer, Path target, IOException e) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : String.valueOf(e.getMessage());
        if (reason.contains("No space left") || reason.contains("ENOSPC")) {
            return new ImageException(ImageException.Kind.RESOURCE_EXHAUSTED,
                    "no space left to unpack layer " + layer + " under " + target, e);
        }
        return ImageException.internal("unpacking layer " + layer + " into " + target + " failed: " + e, e);
    }

    /** Read errors come from the blob's content (bad gzip, truncated tar): that is a corrupt layer. */
    private static final class ReadFailuresAreCorruption extends FilterInputStream {
        private final String layer;

        ReadFailuresAreCorruption(InputStream in, String layer) {
            super(in);
            this.layer = layer;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        private ImageException corrupt(IOException e) {
            return new ImageException(ImageException.Kind.INVALID_ARGUMENT, "layer " + layer + " is corrupt: " + e.getMessage(), e);
        }
    }
}
