package dev.janus.isolation.ocispec;

import dev.janus.cri.errors.CriException;
import java.util.ArrayList;
import java.util.List;

/** Checks and cleans paths given for the inside of a container (mount and device targets). */
final class ContainerPaths {

    private ContainerPaths() {
    }

    /**
     * The path with "." and repeated slashes removed. It must be absolute and hold no ".."
     * part: runc resolves targets inside the rootfs, but a ".." here only ever means a caller
     * trying to reach somewhere it did not name.
     */
    static String clean(String what, String path) {
        if (path.isEmpty() || !path.startsWith("/")) {
            throw CriException.invalid("%s \"%s\" is not an absolute path", what, path);
        }
        if (path.indexOf('\0') >= 0) {
            throw CriException.invalid("%s \"%s\" holds a NUL byte", what, path);
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.equals("..")) {
                throw CriException.invalid("%s \"%s\" must not contain \"..\"", what, path);
            }
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** How deep a clean path is: "/" is 0, "/a/b" is 2 (mounts are ordered by it). */
    static int depth(String clean) {
        return clean.equals("/") ? 0 : (int) clean.chars().filter(c -> c == '/').count();
    }
}
