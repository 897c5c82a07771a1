package dev.janus.images.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The project's test images, built from the host's static busybox ({@code /bin/busybox}):
 * a busybox image, a multi-layer image exercising whiteouts, an opaque directory, owners,
 * modes, xattrs, links and a FIFO, a zstd image, and a multi-OS index.
 */
public final class TestImages {

    public static final Path BUSYBOX = Path.of("/bin/busybox");
    public static final List<String> APPLETS = List.of("sh", "ls", "cat", "echo", "id", "sleep", "stat", "test",
            "true", "false", "readlink", "find", "wc",
            // the streaming suites: a terminal's size, a bulk writer, an HTTP server, a TCP server
            "stty", "head", "mkdir", "httpd", "nc",
            // the linux-vm suite: the guest's kernel (Debian's static busybox wget segfaults: nc it is)
            "uname");

    private TestImages() {
    }

    /** A base layer: busybox with its applets as hard links, /etc/passwd, /tmp 1777. */
    public static Layer busyboxLayer(Path dir, Compression compression) {
        LayerBuilder b = LayerBuilder.create(dir, compression)
                .dir("bin").dir("etc").dir("tmp", 01777, 0, 0).dir("root", 0700, 0, 0)
                .copy("bin/busybox", BUSYBOX, 0755);
        for (String applet : APPLETS) {
            b.hardlink("bin/" + applet, "bin/busybox");
        }
        return b.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n")
                .file("etc/group", "root:x:0:\nnogroup:x:65534:\n")
                .build();
    }

    /** Docker schema 2, one gzip layer, CMD ["sh"]: what most registries serve. */
    public static BuiltImage busybox(Path dir) {
        return ImageBuilder.docker().layer(busyboxLayer(dir, Compression.GZIP)).build();
    }

    /**
     * Four layers. Layer 2 adds files; layer 3 deletes {@code /data/gone} (whiteout), makes
     * {@code /opt/old} opaque (its lower content hidden, {@code new} added), and adds a setuid
     * file, a file owned by 1000:1000 with a user xattr, a relative symlink, a FIFO; layer 4
     * (uncompressed) re-adds a deleted name and deletes a directory.
     */
    public static BuiltImage multiLayer(Path dir) {
        Layer base = busyboxLayer(dir, Compression.GZIP);
        Layer files = LayerBuilder.create(dir, Compression.GZIP)
                .dir("data").file("data/gone", "to be deleted\n").file("data/kept", "kept\n")
                .dir("opt").dir("opt/old").file("opt/old/hidden", "hidden by opaque\n")
                .dir("opt/old/sub").file("opt/old/sub/deep", "also hidden\n")
                .dir("var").dir("var/cache").file("var/cache/junk", "junk\n")
                .build();
        Layer changes = LayerBuilder.create(dir, Compression.GZIP)
                .dir("data").whiteout("data/gone")
                .dir("opt/old").opaque("opt/old").file("opt/old/new", "new\n")
                .dir("usr").dir("usr/local").dir("usr/local/bin")
                .file("usr/local/bin/suid", "#!/bin/sh\n".getBytes(), 04755, 0, 0)
                .dir("home").dir("home/user", 0750, 1000, 1000)
                .file("home/user/owned", "mine\n".getBytes(), 0600, 1000, 1000)
                .file("home/user/tagged", "xattr\n", Map.of("user.janus", "yes"))
                .symlink("home/user/link", "owned")
                .fifo("home/user/pipe")
                .build();
        Layer last = LayerBuilder.create(dir, Compression.NONE)
                .dir("data").file("data/gone", "back again\n")
                .dir("var").whiteout("var/cache")
                .build();
        return ImageBuilder.oci().layer(base).layer(files).layer(changes).layer(last)
                .cmd("sh").env("PATH=/bin", "JANUS=1").user("1000:1000").workingDir("/home/user")
                .label("org.opencontainers.image.title", "multi").build();
    }

    /** OCI image whose layers are zstd-compressed. */
    public static BuiltImage zstd(Path dir) {
        Layer base = busyboxLayer(dir, Compression.ZSTD);
        Layer extra = LayerBuilder.create(dir, Compression.ZSTD).dir("etc").file("etc/zstd", "zstd layer\n").build();
        return ImageBuilder.oci().layer(base).layer(extra).build();
    }

    /** A Windows image with fake (but well-formed) layers; never unpacked on Linux. */
    public static BuiltImage windows(Path dir, String osVersion) {
        Layer layer = LayerBuilder.create(dir, Compression.GZIP)
                .dir("Files").dir("Files/Windows").file("Files/Windows/version.txt", osVersion + "\n")
                .dir("Hives").build("application/vnd.docker.image.rootfs.diff.tar.gzip");
        return ImageBuilder.docker().platform("windows", "amd64", "", osVersion)
                .cmd("cmd", "/c", "ver").label("os.version", osVersion).layer(layer).build();
    }

    /** A Docker manifest list: linux/amd64 busybox, windows/amd64 for 10.0.17763 and 10.0.20348. */
    public static BuiltIndex multiPlatform(Path dir) {
        return ImageBuilder.index(false, busybox(dir), windows(dir, "10.0.17763.5830"), windows(dir, "10.0.20348.2461"));
    }
}
