package dev.janus.e2e.images;

import dev.janus.images.testing.Compression;
import dev.janus.images.testing.Layer;
import dev.janus.images.testing.LayerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A layer made of files installed on this host, at the same paths: directory trees as they are
 * (symlinks kept), plus every shared library the ELF files among them load, as {@code ldd}
 * resolves it. That is how the suites put Debian's own programs (PostgreSQL, SQLite) into an
 * image without a network: {@code apt-get install} on the host is the only download.
 */
public final class HostFilesLayer {

    /** Host path -> what goes into the layer: a directory, a file or a symlink. */
    private final TreeMap<String, Path> entries = new TreeMap<>();
    private final Set<Path> elfFiles = new TreeSet<>();

    /** Adds {@code tree} (a file or a directory, recursively) except the paths {@code skip} names. */
    public HostFilesLayer tree(Path tree, Predicate<Path> skip) {
        try (Stream<Path> walk = Files.walk(tree)) {
            walk.filter(p -> !skip.test(p) && !underSkipped(p, tree, skip)).forEach(this::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HostFilesLayer tree(Path tree) {
        return tree(tree, p -> false);
    }

    /** Writes the layer: parents first, then the trees, then the libraries they need. */
    public Layer build(Path dir) {
        for (Path elf : elfFiles) {
            for (Path library : SharedLibraries.of(elf)) {
                entries.putIfAbsent(library.toString(), library.toAbsolutePath());
            }
        }
        TreeMap<String, Path> all = new TreeMap<>();
        entries.forEach((name, path) -> {
            for (Path parent = Path.of(name).getParent(); parent != null && parent.getNameCount() > 0;
                    parent = parent.getParent()) {
                all.putIfAbsent(parent.toString(), null);
            }
            all.put(name, path);
        });
        LayerBuilder layer = LayerBuilder.create(dir, Compression.GZIP);
        all.forEach((name, path) -> write(layer, name.substring(1), path));
        return layer.build();
    }

    private static boolean underSkipped(Path p, Path top, Predicate<Path> skip) {
        for (Path up = p.getParent(); up != null && up.startsWith(top); up = up.getParent()) {
            if (skip.test(up)) {
                return true;
            }
        }
        return false;
    }

    private void add(Path path) {
        entries.put(path.toAbsolutePath().toString(), path.toAbsolutePath());
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && isElf(path)) {
            elfFiles.add(path);
        }
    }

    /** A parent directory (null), a symlink, a directory or a file (libraries: their target's bytes). */
    private static void write(LayerBuilder layer, String name, Path path) {
        try {
            if (path == null) {
                layer.dir(name);
            } else if (Files.isSymbolicLink(path) && !isLibraryName(name, path)) {
                layer.symlink(name, Files.readSymbolicLink(path).toString());
            } else if (Files.isDirectory(path)) {
                layer.dir(name, mode(path), 0, 0);
            } else {
                layer.copy(name, path, mode(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ldd names a library by the soname link; the layer holds the file it points to under that name. */
    private static boolean isLibraryName(String name, Path path) {
        return name.contains(".so") && !Files.isDirectory(path);
    }

    private static int mode(Path path) throws IOException {
        int mode = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(path)) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static boolean isElf(Path path) {
        try (var in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }
}
