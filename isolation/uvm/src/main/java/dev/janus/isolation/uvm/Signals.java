package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import java.util.Locale;
import java.util.Map;

/** Signal names as images and CRI configs give them ({@code SIGTERM}, {@code TERM}, {@code 15}) to Linux numbers. */
final class Signals {

    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CLD", 17), Map.entry("CONT", 18),
            Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22),
            Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26),
            Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29),
            Map.entry("PWR", 30), Map.entry("SYS", 31));

    private Signals() {
    }

    /** SIGTERM for null or empty; INVALID_ARGUMENT for a name Linux does not have. */
    static int number(String signal) {
        if (signal == null || signal.isBlank()) {
            return SIGTERM;
        }
        String name = signal.strip().toUpperCase(Locale.ROOT);
        if (name.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(name);
            if (n >= 1 && n <= 64) {
                return n;
            }
        }
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        if (name.startsWith("RTMIN") || name.startsWith("RTMAX")) {
            return realtime(name, signal);
        }
        Integer n = NUMBERS.get(name);
        if (n == null) {
            throw CriException.invalid("unknown stop signal %s", signal);
        }
        return n;
    }

    /** RTMIN (34), RTMIN+n, RTMAX (64), RTMAX-n, as glibc numbers them. */
    private static int realtime(String name, String given) {
        try {
            int base = name.startsWith("RTMIN") ? 34 : 64;
            String offset = name.substring(5);
            int n = offset.isEmpty() ? base : base + Integer.parseInt(offset.replace("+", ""));
            if (n >= 34 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw CriException.invalid("unknown stop signal %s", given);
    }
}
