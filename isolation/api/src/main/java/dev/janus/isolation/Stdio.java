package dev.janus.isolation;

/**
 * Which standard streams a streaming exec or attach wants. With a terminal, stdout and stderr
 * are one stream (the terminal's), so {@code stderr} is false.
 */
public record Stdio(boolean stdin, boolean stdout, boolean stderr, boolean tty) {
}
