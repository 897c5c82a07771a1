package dev.janus.isolation.uvm.disk;

import dev.janus.cri.errors.CriException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** e2fsprogs' mke2fs: the argv for layer and scratch images, and running it. */
final class Mke2fs {

    static final Path BINARY = Path.of("/usr/sbin/mke2fs");
    private static final long TIMEOUT_MINUTES = 10;

    private Mke2fs() {
    }

    /**
     * A read-only layer image filled from a directory: no journal, no reserved blocks, no room
     * to grow, 256-byte inodes (for xattrs and nanosecond times), ownership as in the directory,
     * and a UUID and hash seed fixed by the layer so a rebuild gives the same file system.
     */
    static List<String> layerArgv(Path source, Path image, long sizeKib, long inodes, String uuid) {
        return List.of(BINARY.toString(), "-q", "-F", "-t", "ext4", "-b", "4096", "-I", "256",
                "-N", String.valueOf(inodes), "-m", "0", "-O", "^has_journal,^resize_inode",
                "-E", "root_owner=0:0,hash_seed=" + uuid + ",nodiscard", "-U", uuid, "-L", "janus-layer",
                "-d", source.toString(), image.toString(), sizeKib + "k");
    }

    /** A writable scratch image: sparse, journaled, inode tables initialized lazily by the guest. */
    static List<String> scratchArgv(Path image, long sizeKib, Optional<String> label) {
        List<String> argv = new ArrayList<>(List.of(BINARY.toString(), "-q", "-F", "-t", "ext4", "-m", "0",
                "-E", "lazy_itable_init=1,lazy_journal_init=1,nodiscard,root_owner=0:0"));
        label.ifPresent(l -> argv.addAll(List.of("-L", l)));
        argv.addAll(List.of(image.toString(), sizeKib + "k"));
        return argv;
    }

    static void run(List<String> argv) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new CriException(CriException.Kind.FAILED_PRECONDITION,
                    "cannot run mke2fs (apt-get install e2fsprogs): " + e.getMessage(), e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw CriException.internal("mke2fs ran longer than " + TIMEOUT_MINUTES + " minutes", null);
            }
            if (process.exitValue() != 0) {
                throw CriException.internal("mke2fs failed (exit " + process.exitValue() + "): " + output
                        + " [" + String.join(" ", argv) + "]", null);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw CriException.internal("reading mke2fs output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw CriException.internal("interrupted while running mke2fs", e);
        }
    }
}
