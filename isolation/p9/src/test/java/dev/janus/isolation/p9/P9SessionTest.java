package dev.janus.isolation.p9;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.p9.fs.Share;
import dev.janus.isolation.p9.fs.ShareTree;
import dev.janus.isolation.p9.server.P9Session;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over a real directory, spoken to as the guest kernel speaks 9P2000.L. */
class P9SessionTest {

    private static final int ROOT = 1;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_RDWR = 2;
    private static final int O_EXCL = 0200;
    private static final int O_TRUNC = 01000;
    private static final int O_APPEND = 02000;
    private static final int O_DIRECTORY = 0200000;

    @TempDir
    Path dir;
    private Path root;
    private Share share;
    private P9TestClient client;

    @BeforeEach
    void start() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        root = Files.createDirectories(dir.resolve("share"));
        share = Share.open("vol", root, false, false);
        client = connect(share);
        assertEquals(8192, client.version(8192, P9.VERSION));
        client.attach(ROOT, 0, "");
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (share != null) {
            share.close();
        }
    }

    private static P9TestClient connect(Share share) throws IOException {
        ShareTree tree = new ShareTree(share);
        return new P9TestClient(aname -> aname.isEmpty() || aname.equals(share.name()) ? tree : null);
    }

    @Test
    void versionIsNegotiatedAndAnUnknownOneRefused() throws IOException {
        try (P9TestClient other = connect(share)) {
            assertEquals(P9Session.MAX_MSIZE, other.version(1 << 30, P9.VERSION), "msize capped at the server's");
            assertThrows(P9TestClient.Rlerror.class, () -> other.version(8192, "9P2000.u"));
        }
    }

    @Test
    void filesAreCreatedOwnedAsTheGuestAsksAndReadBack() throws IOException {
        try (P9TestClient user = connect(share)) {
            user.version(65536, P9.VERSION);
            user.attach(10, 1000, "");
            user.walk(10, 11);
            user.lcreate(11, "notes.txt", O_RDWR, 0640, 3000);
            assertEquals(5, user.write(11, 0, "hello".getBytes(StandardCharsets.UTF_8)));
            assertEquals("ell", new String(user.read(11, 1, 3), StandardCharsets.UTF_8));
            user.fsync(11);
            user.clunk(11);
        }
        Path file = root.resolve("notes.txt");
        assertEquals("hello", Files.readString(file));
        assertEquals(1000, Files.getAttribute(file, "unix:uid"));
        assertEquals(3000, Files.getAttribute(file, "unix:gid"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "the mode asked for, not janusd's umask");
        assertThrows(P9TestClient.Rlerror.class, () -> {
            client.walk(ROOT, 2);
            client.lcreate(2, "notes.txt", O_RDWR | O_EXCL, 0644, 0);
        });
    }

    /**
     * The guest looked, saw no file and sent Tlcreate, but the host made the name meanwhile (as
     * SQLite's journal comes and goes): O_CREAT opens it as it is, O_EXCL refuses it.
     */
    @Test
    void createOverANameTheHostMadeMeanwhileOpensItUnlessExclusive() throws IOException {
        Path journal = root.resolve("db-journal");
        Files.writeString(journal, "host data");
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-rw-rw-"));
        try (P9TestClient user = connect(share)) {
            user.version(65536, P9.VERSION);
            user.attach(10, 1000, "");
            user.walk(10, 11);
            user.lcreate(11, "db-journal", O_RDWR, 0600, 3000);
            assertEquals("host", new String(user.read(11, 0, 4), StandardCharsets.UTF_8), "the host's file, opened");
            user.clunk(11);
            user.walk(10, 12);
            var e = assertThrows(P9TestClient.Rlerror.class, () -> user.lcreate(12, "db-journal", O_RDWR | O_EXCL,
                    0600, 3000));
            assertEquals(Errno.EEXIST, e.errno);
        }
        assertEquals(0, Files.getAttribute(journal, "unix:uid"), "its owner untouched");
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)),
                "and its mode");
        Files.createDirectory(root.resolve("taken"));
        client.walk(ROOT, 2);
        var e = assertThrows(P9TestClient.Rlerror.class, () -> client.lcreate(2, "taken", O_RDWR, 0644, 0));
        assertEquals(Errno.EISDIR, e.errno);
    }

    @Test
    void openFlagsAppendTruncateAndDirectoryAreHonoured() throws IOException {
        Files.writeString(root.resolve("log"), "one\n");
        client.walk(ROOT, 2, "log");
        client.lopen(2, O_WRONLY | O_APPEND);
        client.write(2, 0, "two\n".getBytes(StandardCharsets.UTF_8));
        client.clunk(2);
        assertEquals("one\ntwo\n", Files.readString(root.resolve("log")), "O_APPEND writes at the end");

        client.walk(ROOT, 3, "log");
        client.lopen(3, O_WRONLY | O_TRUNC);
        client.clunk(3);
        assertEquals(0, Files.size(root.resolve("log")));

        client.walk(ROOT, 4, "log");
        var e = assertThrows(P9TestClient.Rlerror.class, () -> client.lopen(4, O_RDONLY | O_DIRECTORY));
        assertEquals(Errno.ENOTDIR, e.errno);
    }

    @Test
    void attributesCarryTrueLinkCountsInodesAndNanosecondTimes() throws IOException {
        Path file = Files.writeString(root.resolve("a"), "x");
        Files.createLink(root.resolve("b"), file);
        Files.createDirectories(root.resolve("d/e"));
        client.walk(ROOT, 2, "a");
        P9TestClient.Attr a = client.getattr(2);
        assertEquals(2, a.nlink(), "a file with a hard link has two");
        assertEquals(((Number) Files.getAttribute(file, "unix:ino")).longValue(), a.ino());
        var mtime = Files.getLastModifiedTime(file).toInstant();
        assertEquals(mtime.getEpochSecond(), a.mtimeSec());
        assertEquals(mtime.getNano(), a.mtimeNsec());
        client.walk(ROOT, 3, "d");
        P9TestClient.Attr d = client.getattr(3);
        assertEquals(P9.QTDIR, d.qidType());
        assertEquals(3, d.nlink(), "a directory with one subdirectory: itself, its entry, the child's ..");
    }

    @Test
    void directoriesLinksSymlinksAndFifos() throws IOException {
        client.mkdir(ROOT, "dir", 0750, 0);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("dir"))));
        client.symlink(ROOT, "ln", "dir/target", 0);
        assertEquals(Path.of("dir/target"), Files.readSymbolicLink(root.resolve("ln")));
        client.walk(ROOT, 2, "ln");
        assertEquals("dir/target", client.readlink(2));
        var loop = assertThrows(P9TestClient.Rlerror.class, () -> client.lopen(2, O_RDONLY));
        assertEquals(Errno.ELOOP, loop.errno, "a symlink is never opened: the guest follows it");

        Files.writeString(root.resolve("f"), "x");
        client.walk(ROOT, 3, "f");
        client.link(ROOT, 3, "f2");
        assertEquals(2, client.getattr(3).nlink());

        client.mknod(ROOT, "pipe", 0010644, 0, 0, 0);
        assertEquals("fifo", kind("pipe"));
        client.walk(ROOT, 4, "pipe");
        var special = assertThrows(P9TestClient.Rlerror.class, () -> client.lopen(4, O_RDONLY));
        assertEquals(Errno.ENXIO, special.errno, "a fifo is the guest's to open: here it would block the server");
        var dev = assertThrows(P9TestClient.Rlerror.class, () -> client.mknod(ROOT, "null", 0020666, 1, 3, 0));
        assertEquals(Errno.EPERM, dev.errno, "device nodes only for privileged pods");
    }

    private String kind(String name) throws IOException {
        int mode = (int) Files.getAttribute(root.resolve(name), "unix:mode");
        return switch (mode & 0170000) {
            case 0010000 -> "fifo";
            case 0100000 -> "file";
            default -> Integer.toOctalString(mode);
        };
    }

    @Test
    void renameAndUnlinkAsTheKernelDoesThem() throws IOException {
        Files.createDirectories(root.resolve("from"));
        Files.createDirectories(root.resolve("to"));
        Files.writeString(root.resolve("from/x"), "x");
        client.walk(ROOT, 2, "from");
        client.walk(ROOT, 3, "to");
        client.renameat(2, "x", 3, "y");
        assertTrue(Files.exists(root.resolve("to/y")));
        var notEmpty = assertThrows(P9TestClient.Rlerror.class, () -> client.unlinkat(ROOT, "to", P9.AT_REMOVEDIR));
        assertEquals(Errno.ENOTEMPTY, notEmpty.errno);
        client.unlinkat(3, "y", 0);
        client.unlinkat(ROOT, "to", P9.AT_REMOVEDIR);
        assertFalse(Files.exists(root.resolve("to")));
    }

    @Test
    void nothingLeavesTheShare() throws IOException {
        Path outside = Files.writeString(dir.resolve("secret"), "host");
        Files.createSymbolicLink(root.resolve("escape"), dir);
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc"));

        assertEquals(1, client.walk(ROOT, 2, "..").size());
        assertEquals(client.getattr(ROOT).ino(), client.getattr(2).ino(), "a walk to .. at the root stays at the root");
        var slash = assertThrows(P9TestClient.Rlerror.class, () -> client.walk(ROOT, 3, "../secret"));
        assertEquals(Errno.EINVAL, slash.errno, "a name with a slash");
        List<Long> partial = client.walk(ROOT, 4, "escape", "secret");
        assertEquals(1, partial.size(), "the walk stops at the symlink: the server never follows one");
        var notAFid = assertThrows(P9TestClient.Rlerror.class, () -> client.getattr(4));
        assertEquals(Errno.EBADF, notAFid.errno, "a partial walk makes no fid");
        client.walk(ROOT, 5, "abs");
        assertThrows(P9TestClient.Rlerror.class, () -> client.lopen(5, O_RDONLY));
        client.walk(ROOT, 6, "abs");
        assertThrows(P9TestClient.Rlerror.class, () -> client.setattr(6, P9.SETATTR_MODE, 0777, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("host", Files.readString(outside));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/etc/passwd"))));
    }

    @Test
    void aReadOnlyShareRefusesEveryChange() throws IOException {
        Files.writeString(root.resolve("r"), "read me");
        try (Share readOnly = Share.open("ro", root, true, false); P9TestClient ro = connect(readOnly)) {
            ro.version(8192, P9.VERSION);
            ro.attach(1, 0, "");
            ro.walk(1, 2, "r");
            ro.lopen(2, O_RDONLY);
            assertEquals("read me", new String(ro.read(2, 0, 100), StandardCharsets.UTF_8));
            for (Runnable change : List.<Runnable>of(
                    () -> ro.mkdir(1, "d", 0755, 0),
                    () -> ro.lcreate(1, "n", O_RDWR, 0644, 0),
                    () -> {
                        ro.walk(1, 3, "r");
                        ro.lopen(3, O_WRONLY);
                    },
                    () -> ro.setattr(2, P9.SETATTR_MODE, 0600, 0, 0, 0, 0, 0, 0, 0),
                    () -> ro.unlinkat(1, "r", 0))) {
                var e = assertThrows(P9TestClient.Rlerror.class, change::run);
                assertEquals(Errno.EROFS, e.errno);
            }
        }
        assertEquals("read me", Files.readString(root.resolve("r")));
    }

    @Test
    void setattrChangesModeOwnerSizeAndTimes() throws IOException {
        Path file = Files.writeString(root.resolve("s"), "0123456789");
        client.walk(ROOT, 2, "s");
        client.setattr(2, P9.SETATTR_MODE | P9.SETATTR_UID | P9.SETATTR_GID | P9.SETATTR_SIZE, 0600, 1234, 5678, 4,
                0, 0, 0, 0);
        assertEquals("0123", Files.readString(file));
        assertEquals(1234, Files.getAttribute(file, "unix:uid"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        client.setattr(2, P9.SETATTR_MTIME | P9.SETATTR_MTIME_SET, 0, 0, 0, 0, 0, 0, 1_000_000_000L, 123_456_789L);
        var mtime = Files.getLastModifiedTime(file).toInstant();
        assertEquals(1_000_000_000L, mtime.getEpochSecond());
        assertEquals(123_456_789, mtime.getNano());
        client.setattr(2, P9.SETATTR_MTIME, 0, 0, 0, 0, 0, 0, 0, 0);
        assertTrue(Files.getLastModifiedTime(file).toInstant().getEpochSecond() > 1_700_000_000L, "mtime now");
    }

    @Test
    void readdirPagesThroughABigDirectory() throws IOException {
        Files.createDirectories(root.resolve("many"));
        Set<String> expected = new HashSet<>(Set.of(".", ".."));
        for (int i = 0; i < 300; i++) {
            Files.writeString(root.resolve("many/file-with-a-longish-name-" + i), "");
            expected.add("file-with-a-longish-name-" + i);
        }
        client.walk(ROOT, 2, "many");
        client.lopen(2, O_RDONLY | O_DIRECTORY);
        List<String> names = client.readdir(2, 600);
        assertEquals(expected.size(), names.size(), "each entry once");
        assertEquals(expected, new HashSet<>(names));
    }

    @Test
    void extendedAttributesUserAndSecurityButNotTrusted() throws IOException {
        Files.writeString(root.resolve("x"), "");
        client.walk(ROOT, 2, "x");
        byte[] value = "blue".getBytes(StandardCharsets.UTF_8);
        client.xattrcreate(2, "user.colour", value.length, 0);
        client.write(2, 0, value);
        client.clunk(2);
        client.walk(ROOT, 3, "x");
        assertEquals(4, client.xattrwalk(3, 4, "user.colour"));
        assertArrayEquals(value, client.read(4, 0, 100));
        long listSize = client.xattrwalk(3, 5, "");
        assertTrue(new String(client.read(5, 0, (int) listSize), StandardCharsets.UTF_8).contains("user.colour"));
        var trusted = assertThrows(P9TestClient.Rlerror.class, () -> client.xattrwalk(3, 6, "trusted.overlay.opaque"));
        assertEquals(Errno.EOPNOTSUPP, trusted.errno);
        client.walk(ROOT, 7, "x");
        client.xattrcreate(7, "user.colour", 0, 2);
        client.clunk(7);
        var gone = assertThrows(P9TestClient.Rlerror.class, () -> client.xattrwalk(3, 8, "user.colour"));
        assertEquals(Errno.ENODATA, gone.errno);
    }

    @Test
    void locksConflictBetweenGuestsAndWithTheHost() throws IOException {
        Path file = Files.writeString(root.resolve("db"), "0123456789");
        client.walk(ROOT, 2, "db");
        client.lopen(2, O_RDWR);
        assertEquals(P9.LOCK_SUCCESS, client.lock(2, P9.LOCK_WRLCK, 0, 10));
        try (P9TestClient other = connect(share)) {
            other.version(8192, P9.VERSION);
            other.attach(1, 0, "");
            other.walk(1, 2, "db");
            other.lopen(2, O_RDWR);
            assertEquals(P9.LOCK_BLOCKED, other.lock(2, P9.LOCK_WRLCK, 5, 1), "another VM's guest waits");
            assertEquals(P9.LOCK_WRLCK, other.getlockType(2, P9.LOCK_WRLCK, 0, 0));
            assertEquals(P9.LOCK_SUCCESS, other.lock(2, P9.LOCK_WRLCK, 20, 5), "a range nobody holds");
        }
        try (FileChannel host = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertNull(host.tryLock(0, 10, false), "a host process's POSIX lock conflicts too");
            client.lock(2, P9.LOCK_UNLCK, 0, 10);
            var held = host.tryLock(0, 10, false);
            assertTrue(held != null, "free once the guest unlocked");
            held.release();
        }
    }

    @Test
    void statfsAndRemove() throws IOException {
        assertTrue(client.statfsBlocks(ROOT) > 0);
        Files.writeString(root.resolve("gone"), "");
        client.walk(ROOT, 2, "gone");
        client.remove(2);
        assertFalse(Files.exists(root.resolve("gone")));
        assertEquals(Errno.EBADF, assertThrows(P9TestClient.Rlerror.class, () -> client.getattr(2)).errno,
                "Tremove clunks the fid");
    }

    @Test
    void aFileShareReachesItsFileAndNoSibling() throws IOException {
        Files.writeString(root.resolve("hosts"), "127.0.0.1 localhost\n");
        Files.writeString(root.resolve("shadow"), "secret");
        try (Share file = Share.ofFile("hosts", root.resolve("hosts"), false); P9TestClient guest = connect(file)) {
            guest.version(8192, P9.VERSION);
            guest.attach(1, 0, "");
            assertEquals(Errno.ENOENT, assertThrows(P9TestClient.Rlerror.class, () -> guest.walk(1, 2, "shadow")).errno);
            guest.walk(1, 3);
            guest.lopen(3, O_RDONLY | O_DIRECTORY);
            assertEquals(Set.of(".", "..", "hosts"), new HashSet<>(guest.readdir(3, 4096)));
            assertEquals(Errno.EPERM, assertThrows(P9TestClient.Rlerror.class,
                    () -> guest.mkdir(1, "new", 0755, 0)).errno);
            assertEquals(Errno.EPERM, assertThrows(P9TestClient.Rlerror.class,
                    () -> guest.renameat(1, "hosts", 1, "shadow")).errno);
            guest.walk(1, 4, "hosts");
            guest.lopen(4, O_WRONLY | O_APPEND);
            guest.write(4, 0, "10.0.0.2 web\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("127.0.0.1 localhost\n10.0.0.2 web\n", Files.readString(root.resolve("hosts")));
        assertEquals("secret", Files.readString(root.resolve("shadow")));
    }

    @Test
    void aPrivateShareDoesNotSeeMountsTheHostMakesLaterAndALiveOneDoes() throws Exception {
        Path sub = Files.createDirectories(root.resolve("sub"));
        try (Share privateView = Share.openPrivate("private", root, false, false);
                P9TestClient before = connect(privateView)) {
            assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", sub.toString()).start().waitFor());
            try {
                Files.writeString(sub.resolve("inside-the-new-mount"), "x");
                before.version(8192, P9.VERSION);
                before.attach(1, 0, "");
                before.walk(1, 2, "sub");
                before.lopen(2, O_RDONLY | O_DIRECTORY);
                assertEquals(Set.of(".", ".."), new HashSet<>(before.readdir(2, 4096)), "private: the mount is not seen");
                client.walk(ROOT, 2, "sub");
                client.lopen(2, O_RDONLY | O_DIRECTORY);
                assertTrue(client.readdir(2, 4096).contains("inside-the-new-mount"), "a live share sees it");
            } finally {
                new ProcessBuilder("umount", "-l", sub.toString()).start().waitFor();
            }
        }
    }
}
