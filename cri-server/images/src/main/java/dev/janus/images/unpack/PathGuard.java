package dev.janus.images.unpack;

import dev.janus.images.ImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps every write of a layer inside its snapshot directory. Entry names must be relative and
 * free of {@code ..}. Symlinks that earlier entries wrote are never followed by the filesystem:
 * where an entry's parent path goes through one, the link is resolved here, by hand, inside the
 * snapshot (an absolute target counts from the snapshot root, as the container will see it), and
 * a link that climbs out of the snapshot makes the entry refused.
 */
final class PathGuard {

    /** Creates a directory an entry needs but the layer did not list (relative path given). */
    @FunctionalInterface
    interface DirMaker {
        void make(Path dir, String relative) throws IOException;
    }

    private static final int MAX_LINK_HOPS = 40;

    private final Path root;

    PathGuard(Path root) {
        this.root = root;
    }

    /** The cleaned components of a tar name; refuses absolute names and {@code ..}. */
    static List<String> components(String tarName) {
        if (tarName.startsWith("/")) {
            throw refused(tarName, "is an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : tarName.split("/")) {
            if (part.equals("..")) {
                throw refused(tarName, "contains '..'");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    /**
     * The real directory inside the snapshot where the last component of {@code components}
     * goes, creating missing directories with {@code maker}.
     */
    Path parentOf(String tarName, List<String> components, DirMaker maker) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components.subList(0, components.size() - 1));
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (resolved.isEmpty()) {
                    throw refused(tarName, "goes through a symlink that points outside the layer");
                }
                resolved.remove(resolved.size() - 1);
                continue;
            }
            Path candidate = join(resolved).resolve(part);
            BasicFileAttributes attrs = lstat(candidate);
            if (attrs == null) {
                maker.make(candidate, relative(resolved, part));
            } else if (attrs.isSymbolicLink()) {
                if (++hops > MAX_LINK_HOPS) {
                    throw refused(tarName, "goes through too many symlinks");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetParts = List.of(target.split("/"));
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    todo.addFirst(targetParts.get(i));
                }
                continue;
            } else if (!attrs.isDirectory()) {
                throw refused(tarName, "has a parent '" + relative(resolved, part) + "' that is not a directory");
            }
            resolved.add(part);
        }
        return join(resolved);
    }

    /** The existing file a hard link entry points at, resolved like an entry's own path. */
    Path linkTarget(String tarName, String linkName) throws IOException {
        List<String> parts = components(linkName);
        if (parts.isEmpty()) {
            throw refused(tarName, "is a hard link to the layer root");
        }
        Path parent = parentOf(tarName, parts, (dir, rel) -> {
            throw refused(tarName, "is a hard link to '" + linkName + "', which is not in this layer");
        });
        Path target = parent.resolve(parts.get(parts.size() - 1));
        BasicFileAttributes attrs = lstat(target);
        if (attrs == null) {
            throw refused(tarName, "is a hard link to '" + linkName + "', which is not in this layer");
        }
        if (attrs.isDirectory()) {
            throw refused(tarName, "is a hard link to a directory");
        }
        return target;
    }

    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static ImageException refused(String tarName, String why) {
        return ImageException.invalid("entry '" + tarName + "' " + why);
    }

    private Path join(List<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }

    private static String relative(List<String> resolved, String last) {
        return resolved.isEmpty() ? last : String.join("/", resolved) + "/" + last;
    }
}
