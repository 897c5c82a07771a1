package dev.janus.e2e.streaming;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the error stream said at the end of an exec or attach: a JSON {@code metav1.Status} (v4
 * and later: Success, or Failure with the exit code as a cause) or, before v4, nothing for
 * success and a message for a failure.
 */
public record ExitStatus(String raw, boolean success, int exitCode, String reason) {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern EXIT = Pattern.compile(
            "\"reason\"\\s*:\\s*\"ExitCode\"\\s*,\\s*\"message\"\\s*:\\s*\"(\\d+)\"");

    static ExitStatus parse(String raw, boolean json) {
        if (!json) {
            return new ExitStatus(raw, raw.isEmpty(), raw.isEmpty() ? 0 : -1, "");
        }
        Matcher status = STATUS.matcher(raw);
        boolean success = status.find() && status.group(1).equals("Success");
        Matcher exit = EXIT.matcher(raw);
        int code = success ? 0 : exit.find() ? Integer.parseInt(exit.group(1)) : -1;
        Matcher reason = REASON.matcher(raw);
        return new ExitStatus(raw, success, code, reason.find() ? reason.group(1) : "");
    }
}
