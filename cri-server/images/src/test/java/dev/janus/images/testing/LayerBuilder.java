package dev.janus.images.testing;

import com.github.luben.zstd.ZstdOutputStream;
import dev.janus.images.manifest.MediaTypes;
import dev.janus.images.reference.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a layer tar with commons-compress (an implementation independent of the one under
 * test), streamed to a file and compressed on the way, so layers of any size cost no heap.
 * Timestamps are fixed, so the same content always gives the same digests.
 */
public final class LayerBuilder implements AutoCloseable {

    private static final Date MTIME = Date.from(Instant.parse("2024-01-01T00:00:00Z"));

    private final Path file;
    private final Compression compression;
    private final MessageDigest compressedDigest = Digest.newSha256();
    private final MessageDigest diffIdDigest = Digest.newSha256();
    private final TarArchiveOutputStream tar;
    private final OutputStream compressor;

    private LayerBuilder(Path file, Compression compression) throws IOException {
        this.file = file;
        this.compression = compression;
        OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), compressedDigest);
        this.compressor = switch (compression) {
            case GZIP -> new GZIPOutputStream(out, 1 << 16);
            case ZSTD -> new ZstdOutputStream(out);
            case NONE -> out;
        };
        this.tar = new TarArchiveOutputStream(new DigestOutputStream(compressor, diffIdDigest));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** A new layer written to a fresh file in {@code dir}. */
    public static LayerBuilder create(Path dir, Compression compression) {
        try {
            Files.createDirectories(dir);
            return new LayerBuilder(Files.createTempFile(dir, "layer-", ".tar"), compression);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LayerBuilder dir(String name) {
        return dir(name, 0755, 0, 0);
    }

    public LayerBuilder dir(String name, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        return put(owned(e, mode, uid, gid), null);
    }

    public LayerBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
    }

    public LayerBuilder file(String name, byte[] content, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        return put(owned(e, mode, uid, gid), content);
    }

    /** A file with extended attributes (PAX SCHILY.xattr.*). */
    public LayerBuilder file(String name, String content, Map<String, String> xattrs) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = owned(new TarArchiveEntry(name), 0644, 0, 0);
        e.setSize(bytes.length);
        xattrs.forEach((k, v) -> e.addPaxHeader("SCHILY.xattr." + k, v));
        return put(e, bytes);
    }

    /** A file whose content is streamed from {@code source}, {@code size} bytes. */
    public LayerBuilder file(String name, long size, InputStream source, int mode) {
        TarArchiveEntry e = owned(new TarArchiveEntry(name), mode, 0, 0);
        e.setSize(size);
        try {
            tar.putArchiveEntry(e);
            source.transferTo(tar);
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    public LayerBuilder copy(String name, Path source, int mode) {
        try (InputStream in = Files.newInputStream(source)) {
            return file(name, Files.size(source), in, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LayerBuilder symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        return put(owned(e, 0777, 0, 0), null);
    }

    public LayerBuilder hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        return put(owned(e, 0644, 0, 0), null);
    }

    /** OCI whiteout of {@code path}: an empty {@code .wh.<name>} beside it. */
    public LayerBuilder whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String name = slash < 0 ? ".wh." + path : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
        return file(name, new byte[0], 0, 0, 0);
    }

    /** Marks {@code dir} opaque: lower layers' contents of it are hidden. */
    public LayerBuilder opaque(String dir) {
        return file(dir + "/.wh..wh..opq", new byte[0], 0, 0, 0);
    }

    public LayerBuilder charDevice(String name, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(owned(e, 0666, 0, 0), null);
    }

    public LayerBuilder fifo(String name) {
        return put(owned(new TarArchiveEntry(name, TarConstants.LF_FIFO), 0644, 0, 0), null);
    }

    /** Any entry as given, e.g. with an absolute or {@code ..} name (preserved as written). */
    public LayerBuilder raw(TarArchiveEntry entry, byte[] content) {
        entry.setModTime(MTIME);
        if (content != null) {
            entry.setSize(content.length);
        }
        return put(entry, content);
    }

    /** Finishes the archive and returns the layer; {@code mediaType} as the manifest will say. */
    public Layer build(String mediaType) {
        try {
            tar.finish();
            tar.flush();
            compressor.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Blob blob = new Blob(mediaType, Digest.fromBytes(compressedDigest.digest()), Files.size(file), null, file);
            return new Layer(blob, Digest.fromBytes(diffIdDigest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finishes the archive with the usual OCI media type of its compression. */
    public Layer build() {
        return build(switch (compression) {
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            case NONE -> MediaTypes.OCI_LAYER;
        });
    }

    @Override
    public void close() {
        try {
            compressor.close();
        } catch (IOException ignored) {
            // already closed by build
        }
    }

    private static TarArchiveEntry owned(TarArchiveEntry e, int mode, int uid, int gid) {
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(MTIME);
        return e;
    }

    private LayerBuilder put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
