package dev.janus.isolation.ocispec;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads small files of an image's rootfs as the container would see them: every symlink is
 * followed as if the rootfs were "/", so an absolute link or a run of ".." never leaves it
 * (an image is untrusted; its /etc/passwd may point at the host's /etc/shadow).
 */
final class RootfsFiles {

    // As the kernel's MAXSYMLINKS: a longer chain is a loop.
    private static final int MAX_LINKS = 40;
    private static final int MAX_BYTES = 4 << 20;

    private RootfsFiles() {
    }

    /** Where {@code path} (absolute, as seen inside) lands on the host, never outside rootfs. */
    static Path resolve(Path rootfs, String path) throws IOException {
        Path root = rootfs.toAbsolutePath().normalize();
        Deque<String> todo = new ArrayDeque<>(parts(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            if (!Files.isSymbolicLink(candidate)) {
                done.add(part);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IOException("too many levels of symbolic links in " + path);
            }
            String target = Files.readSymbolicLink(candidate).toString();
            if (target.startsWith("/")) {
                done.clear();
            }
            List<String> more = parts(target);
            for (int i = more.size() - 1; i >= 0; i--) {
                todo.push(more.get(i));
            }
        }
        return join(root, done);
    }

    /** The lines of a regular file inside the rootfs, or empty when it does not exist. */
    static Optional<List<String>> readLines(Path rootfs, String path) {
        try {
            Path p = resolve(rootfs, path);
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            // NOFOLLOW: the last part was resolved above; refuse a link swapped in since.
            try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw CriException.invalid("%s in the image is larger than %d bytes", path, MAX_BYTES);
                }
                return Optional.of(new String(bytes, StandardCharsets.UTF_8).lines().toList());
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw CriException.invalid("cannot read %s in the image: %s", path, e.getMessage());
        }
    }

    private static List<String> parts(String path) {
        return Arrays.asList(path.split("/"));
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }
}
