package dev.janus.cri.validation;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sizes of labels and annotations, as the API server bounds them: label values of 63
 * characters (253 for the names kubelet itself records under {@code io.kubernetes.}, such as
 * a pod's name), keys of a 253-character prefix and a 63-character name, annotations 256 KiB in
 * all. Characters are not restricted beyond that: values are stored, never written into files
 * or command lines, and containerd's LCOW label {@code sandbox-platform: linux/amd64} has a '/'.
 */
final class Metadata {

    static final int ANNOTATIONS_TOTAL = 256 * 1024;
    private static final int KEY_PREFIX_MAX = Names.SUBDOMAIN_MAX;
    private static final String KUBELET_PREFIX = "io.kubernetes.";

    private Metadata() {
    }

    static void labels(String field, Map<String, String> labels) {
        int total = 0;
        for (var entry : labels.entrySet()) {
            key(field, entry.getKey());
            String value = entry.getValue();
            int max = entry.getKey().startsWith(KUBELET_PREFIX) ? Names.SUBDOMAIN_MAX : Names.LABEL_MAX;
            if (value.length() > max) {
                throw Invalid.field(field + "[" + Invalid.quote(entry.getKey()) + "]", "has a value of "
                        + value.length() + " characters; a label value has at most " + max);
            }
            total += bytes(entry.getKey()) + bytes(value);
        }
        if (total > ANNOTATIONS_TOTAL) {
            throw Invalid.field(field, "take " + total + " bytes; at most " + ANNOTATIONS_TOTAL + " are allowed");
        }
    }

    static void annotations(String field, Map<String, String> annotations) {
        int total = 0;
        String largest = "";
        int largestSize = -1;
        for (var entry : annotations.entrySet()) {
            key(field, entry.getKey());
            int size = bytes(entry.getKey()) + bytes(entry.getValue());
            total += size;
            if (size > largestSize) {
                largestSize = size;
                largest = entry.getKey();
            }
        }
        if (total > ANNOTATIONS_TOTAL) {
            throw Invalid.field(field, "take " + total + " bytes, the largest " + Invalid.quote(largest) + " "
                    + largestSize + "; annotations may take 256 KiB in all");
        }
    }

    /** [prefix/]name: the prefix up to 253, the name 1-63 characters, no control characters. */
    private static void key(String field, String key) {
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        boolean ok = !name.isEmpty() && name.length() <= Names.LABEL_MAX && slash < KEY_PREFIX_MAX + 1
                && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (!ok) {
            throw Invalid.field(field + " key", key, "must be [prefix/]name: a name of 1-63 and a prefix of up to 253"
                    + " printable characters");
        }
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
