package dev.janus.images.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme ({@code basic},
 * {@code bearer}, lower-cased) and its parameters ({@code realm}, {@code service}, {@code scope}).
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** Parses every challenge of every given header value; unparseable parts are skipped. */
    public static List<AuthChallenge> parseAll(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            new Parser(value).parseInto(challenges);
        }
        return challenges;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void parseInto(List<AuthChallenge> out) {
            while (true) {
                skip(" \t,");
                String scheme = token();
                if (scheme.isEmpty()) {
                    return;
                }
                Map<String, String> params = new LinkedHashMap<>();
                while (true) {
                    skip(" \t");
                    int save = pos;
                    String key = token();
                    skip(" \t");
                    if (key.isEmpty() || pos >= s.length() || s.charAt(pos) != '=') {
                        pos = save;
                        break;
                    }
                    pos++;
                    skip(" \t");
                    params.put(key.toLowerCase(Locale.ROOT), value());
                    skip(" \t");
                    if (pos < s.length() && s.charAt(pos) == ',') {
                        pos++;
                    }
                }
                out.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), Map.copyOf(params)));
                if (pos < s.length() && !Character.isLetter(s.charAt(pos))) {
                    return;
                }
            }
        }

        private String value() {
            if (pos < s.length() && s.charAt(pos) == '"') {
                StringBuilder b = new StringBuilder();
                pos++;
                while (pos < s.length() && s.charAt(pos) != '"') {
                    char c = s.charAt(pos++);
                    if (c == '\\' && pos < s.length()) {
                        c = s.charAt(pos++);
                    }
                    b.append(c);
                }
                pos++;
                return b.toString();
            }
            return token();
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && " \t,=\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }
    }
}
