package dev.janus.images.unpack;

import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One tar header after PAX and GNU extensions are folded in.
 *
 * @param type   the POSIX typeflag: '0' file, '1' hard link, '2' symlink, '3' char device,
 *               '4' block device, '5' directory, '6' FIFO
 * @param mode   permission bits including setuid, setgid and sticky (07777)
 * @param xattrs extended attributes from PAX {@code SCHILY.xattr.*}, values as raw bytes
 */
record TarEntry(String name, char type, long size, int mode, long uid, long gid, FileTime mtime,
                String linkName, Map<String, byte[]> xattrs) {

    static final char FILE = '0';
    static final char HARDLINK = '1';
    static final char SYMLINK = '2';
    static final char CHAR_DEVICE = '3';
    static final char BLOCK_DEVICE = '4';
    static final char DIRECTORY = '5';
    static final char FIFO = '6';
}
