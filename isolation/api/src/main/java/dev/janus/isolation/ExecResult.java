package dev.janus.isolation;

/** What a finished exec printed and how it ended. */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr, boolean timedOut) {
}
