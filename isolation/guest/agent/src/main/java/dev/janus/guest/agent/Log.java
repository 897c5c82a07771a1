package dev.janus.guest.agent;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The agent's log: one line per event on stderr, which init points at the VM's console (the host
 * keeps it). No logging framework: each would be another module in the guest's runtime.
 */
public final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static volatile boolean debug = Boolean.getBoolean("janus.agent.debug");

    private Log() {
    }

    public static void info(String format, Object... args) {
        print("INFO", format, args);
    }

    public static void warn(String format, Object... args) {
        print("WARN", format, args);
    }

    public static void debug(String format, Object... args) {
        if (debug) {
            print("DEBUG", format, args);
        }
    }

    public static void error(String message, Throwable cause) {
        print("ERROR", "%s: %s", new Object[] {message, cause});
        if (debug) {
            cause.printStackTrace();
        }
    }

    private static void print(String level, String format, Object[] args) {
        String line = String.format(format, args);
        System.err.println("janus-agent " + LocalTime.now().format(TIME) + " " + level + " " + line);
    }
}
