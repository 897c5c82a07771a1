package dev.janus.cri.validation;

import dev.janus.cri.errors.CriException;

/**
 * INVALID_ARGUMENT naming the field and showing the value, cut short and with control
 * characters escaped, so a hostile value neither floods nor forges the message.
 */
final class Invalid {

    private static final int SHOWN = 80;

    private Invalid() {
    }

    static CriException field(String field, String value, String why) {
        return CriException.invalid("%s %s %s", field, quote(value), why);
    }

    static CriException field(String field, String why) {
        return CriException.invalid("%s %s", field, why);
    }

    static String quote(String value) {
        StringBuilder shown = new StringBuilder("\"");
        int end = Math.min(value.length(), SHOWN);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                case '\t' -> shown.append("\\t");
                case '"' -> shown.append("\\\"");
                case '\\' -> shown.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        shown.append(String.format("\\x%02x", (int) c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        shown.append('"');
        if (value.length() > SHOWN) {
            shown.append("... (").append(value.length()).append(" characters)");
        }
        return shown.toString();
    }
}
