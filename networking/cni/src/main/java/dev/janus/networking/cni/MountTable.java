package dev.janus.networking.cni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads /proc/self/mountinfo to tell whether a path is a namespace pin (an nsfs mount). */
final class MountTable {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {
    }

    static boolean isNamespaceMount(Path path) {
        try {
            return isNamespaceMount(Files.readAllLines(MOUNTINFO), canonical(path));
        } catch (IOException e) {
            return false;
        }
    }

    /** Field 5 is the mount point (octal-escaped), the first field after " - " the fs type. */
    static boolean isNamespaceMount(List<String> mountinfo, String mountPoint) {
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            int separator = line.indexOf(" - ");
            if (fields.length < 5 || separator < 0) {
                continue;
            }
            String fsType = line.substring(separator + 3).split(" ")[0];
            // kernels before 3.19 showed namespace files as "proc"
            boolean nsfs = fsType.equals("nsfs") || fsType.equals("proc");
            if (nsfs && unescape(fields[4]).equals(mountPoint)) {
                return true;
            }
        }
        return false;
    }

    /** The path as the kernel prints it: symlinks in the parent resolved. */
    static String canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            return absolute.toString();
        }
        try {
            return absolute.getParent().toRealPath().resolve(absolute.getFileName()).toString();
        } catch (IOException e) {
            return absolute.toString();
        }
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
