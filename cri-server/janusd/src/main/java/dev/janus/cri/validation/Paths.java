package dev.janus.cri.validation;

/**
 * Paths a request names on the host or in a container: never a {@code ..} segment (so a path
 * cannot leave where it points after a check), never a control character or NUL.
 */
final class Paths {

    private Paths() {
    }

    static void absolute(String field, String value) {
        if (!value.startsWith("/")) {
            throw Invalid.field(field, value, "must be an absolute path");
        }
        clean(field, value);
    }

    /** Relative or absolute; empty passes (the caller decides whether it is required). */
    static void clean(String field, String value) {
        Text.noControl(field, value);
        for (String segment : value.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw Invalid.field(field, value, "must not have '..' segments");
            }
        }
    }
}
