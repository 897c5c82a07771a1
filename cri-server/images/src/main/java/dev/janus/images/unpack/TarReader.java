package dev.janus.images.unpack;

import dev.janus.images.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A streaming tar reader for layer archives: ustar, PAX extended headers (long names, large
 * sizes, {@code SCHILY.xattr.*} with binary values, which libraries that decode PAX values as
 * text corrupt) and GNU long names. Sparse and multi-volume entries are refused. Headers are
 * checksummed; extended headers are bounded so a layer cannot make it allocate much.
 */
final class TarReader {

    private static final int BLOCK = 512;
    private static final int MAX_EXTENDED_HEADER = 1 << 20;
    private static final String XATTR = "SCHILY.xattr.";
    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private long remaining;
    private long padding;
    private boolean ended;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    TarEntry next() throws IOException {
        skipRest();
        Map<String, byte[]> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            if (!readHeader()) {
                return null;
            }
            char type = (char) header[156];
            long size = number(124, 12);
            switch (type) {
                case 'x' -> pax.putAll(parsePax(readExtended(size)));
                case 'g' -> readExtended(size); // global headers carry nothing a layer needs
                case 'L' -> longName = cString(readExtended(size));
                case 'K' -> longLink = cString(readExtended(size));
                default -> {
                    return entry(type, size, pax, longName, longLink);
                }
            }
        }
    }

    /** The current entry's content; reading stops at its end. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw ImageException.invalid("layer ends inside a file's content");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private TarEntry entry(char type, long headerSize, Map<String, byte[]> pax, String longName, String longLink)
            throws IOException {
        if (type == 'S' || type == 'M' || type == 'V' || pax.containsKey("GNU.sparse.major") || pax.containsKey("GNU.sparse.size")) {
            throw ImageException.invalid("sparse or multi-volume tar entries are not supported");
        }
        char normalised = switch (type) {
            case '\0', '7' -> TarEntry.FILE;
            case '0', '1', '2', '3', '4', '5', '6' -> type;
            default -> throw ImageException.invalid("unsupported tar entry type '" + printable(type) + "'");
        };
        String name = pax.containsKey("path") ? utf8(pax.get("path")) : longName != null ? longName : ustarName();
        String link = pax.containsKey("linkpath") ? utf8(pax.get("linkpath")) : longLink != null ? longLink : field(157, 100);
        long size = pax.containsKey("size") ? paxLong(pax, "size") : headerSize;
        long uid = pax.containsKey("uid") ? paxLong(pax, "uid") : number(108, 8);
        long gid = pax.containsKey("gid") ? paxLong(pax, "gid") : number(116, 8);
        FileTime mtime = pax.containsKey("mtime") ? paxTime(utf8(pax.get("mtime"))) : FileTime.from(number(136, 12), TimeUnit.SECONDS);
        int mode = (int) (number(100, 8) & 07777);
        // as Go's archive/tar: only regular files have content, other types are header-only
        boolean file = normalised == TarEntry.FILE;
        remaining = file ? size : 0;
        padding = (BLOCK - (remaining % BLOCK)) % BLOCK;
        return new TarEntry(name, normalised, remaining, mode, uid, gid, mtime, link, xattrs(pax));
    }

    private boolean readHeader() throws IOException {
        if (ended) {
            return false;
        }
        int n = in.readNBytes(header, 0, BLOCK);
        if (n == 0) {
            return false; // tolerated: archive without end-of-archive blocks
        }
        if (n < BLOCK) {
            throw ImageException.invalid("layer ends inside a tar header");
        }
        if (allZero(header)) {
            return false;
        }
        verifyChecksum();
        return true;
    }

    private void verifyChecksum() {
        long stored = number(148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw ImageException.invalid("layer is not a valid tar archive (header checksum mismatch)");
        }
    }

    private byte[] readExtended(long size) throws IOException {
        if (size < 0 || size > MAX_EXTENDED_HEADER) {
            throw ImageException.invalid("tar extended header of " + size + " bytes refused");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw ImageException.invalid("layer ends inside a tar extended header");
        }
        in.skipNBytes((BLOCK - (size % BLOCK)) % BLOCK);
        return data;
    }

    /**
     * Skips what is left of the current entry. Its content must be there; its padding may be
     * missing entirely when the archive simply stops after the last file, as some image tools
     * write layers and as Go's archive/tar (hence containerd) accepts: that ends the archive.
     */
    private void skipRest() throws IOException {
        skipFully(remaining, "layer ends inside a file's content");
        remaining = 0;
        if (padding > 0) {
            int read = in.readNBytes(new byte[(int) padding], 0, (int) padding);
            if (read == 0) {
                ended = true;
            } else if (read < padding) {
                throw ImageException.invalid("layer ends inside a tar entry's padding");
            }
        }
        padding = 0;
    }

    private void skipFully(long count, String whenShort) throws IOException {
        try {
            in.skipNBytes(count);
        } catch (java.io.EOFException e) {
            throw ImageException.invalid(whenShort);
        }
    }

    /** PAX records: {@code "<len> <key>=<value>\n"}, where len counts the whole record. */
    private static Map<String, byte[]> parsePax(byte[] data) {
        Map<String, byte[]> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = indexOf(data, (byte) ' ', pos);
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                throw ImageException.invalid("malformed PAX header record");
            }
            int end = pos + length;
            int equals = indexOf(data, (byte) '=', space);
            if (length <= 0 || end > data.length || equals < 0 || equals >= end || data[end - 1] != '\n') {
                throw ImageException.invalid("malformed PAX header record");
            }
            String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            records.put(key, Arrays.copyOfRange(data, equals + 1, end - 1));
            pos = end;
        }
        return records;
    }

    private static Map<String, byte[]> xattrs(Map<String, byte[]> pax) {
        Map<String, byte[]> xattrs = new HashMap<>();
        pax.forEach((key, value) -> {
            if (key.startsWith(XATTR)) {
                xattrs.put(key.substring(XATTR.length()), value);
            } else if (key.startsWith(LIBARCHIVE_XATTR)) {
                String name = URLDecoder.decode(key.substring(LIBARCHIVE_XATTR.length()), StandardCharsets.UTF_8);
                xattrs.putIfAbsent(name, Base64.getDecoder().decode(utf8(value).trim()));
            }
        });
        return xattrs;
    }

    private String ustarName() {
        String name = field(0, 100);
        boolean posix = header[257] == 'u' && header[262] == 0; // "ustar\0"; GNU's "ustar  " has no prefix
        String prefix = posix ? field(345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String field(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** Octal (space or NUL padded) or, with the high bit set, GNU base-256. */
    private long number(int offset, int length) {
        int end = offset + length;
        if ((header[offset] & 0x80) != 0) {
            if ((header[offset] & 0x40) != 0) {
                throw ImageException.invalid("negative number in a tar header");
            }
            long value = header[offset] & 0x3f;
            for (int i = offset + 1; i < end; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw ImageException.invalid("number in a tar header overflows");
                }
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        int i = offset;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        long value = 0;
        for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
            byte b = header[i];
            if (b < '0' || b > '7' || value > (Long.MAX_VALUE >> 3)) {
                throw ImageException.invalid("malformed number in a tar header");
            }
            value = (value << 3) + (b - '0');
        }
        return value;
    }

    private static long paxLong(Map<String, byte[]> pax, String key) {
        try {
            long v = Long.parseLong(utf8(pax.get(key)).trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ImageException.invalid("malformed PAX " + key);
        }
    }

    private static FileTime paxTime(String value) {
        try {
            int dot = value.indexOf('.');
            long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
            long nanos = 0;
            if (dot >= 0) {
                String fraction = (value.substring(dot + 1) + "000000000").substring(0, 9);
                nanos = Long.parseLong(fraction);
            }
            return FileTime.from(Instant.ofEpochSecond(seconds, seconds < 0 ? -nanos : nanos));
        } catch (RuntimeException e) {
            throw ImageException.invalid("malformed PAX mtime '" + value + "'");
        }
    }

    private static String cString(byte[] data) {
        int end = indexOf(data, (byte) 0, 0);
        return new String(data, 0, end < 0 ? data.length : end, StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] data, byte wanted, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String printable(char c) {
        return c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }
}
