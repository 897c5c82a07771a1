package dev.janus.cri.validation;

import java.util.List;

/** Strings that end up in a command line, an environment or a file. */
final class Text {

    private Text() {
    }

    /** No NUL: the kernel would cut the string there, so what runs is not what was asked. */
    static void noNul(String field, String value) {
        if (value.indexOf('\0') >= 0) {
            throw Invalid.field(field, value, "must not contain a NUL byte");
        }
    }

    static void noNul(String field, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            noNul(field + "[" + i + "]", values.get(i));
        }
    }

    /** No control characters: a newline in a value written into a file would add a line. */
    static void noControl(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw Invalid.field(field, value, "must not contain control characters");
            }
        }
    }

    /** One word of a config file line: no space, no control character. */
    static void token(String field, String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw Invalid.field(field, value, "must be one word, without spaces or control characters");
        }
    }
}
