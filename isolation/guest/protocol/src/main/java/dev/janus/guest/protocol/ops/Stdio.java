package dev.janus.guest.protocol.ops;

/**
 * Streams a process's standard I/O travels on, allocated by the host; 0 means none (stdin: the
 * process reads end-of-file; stdout/stderr: the guest discards the output). With a terminal,
 * stdout carries the terminal's output and stderr is 0.
 *
 * @param rows the terminal's first size; 0: left as is
 */
public record Stdio(int stdin, int stdout, int stderr, int rows, int cols) {

    public static Stdio none() {
        return new Stdio(0, 0, 0, 0, 0);
    }
}
