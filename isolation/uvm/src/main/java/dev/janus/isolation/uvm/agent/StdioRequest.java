package dev.janus.isolation.uvm.agent;

/**
 * Which standard streams of a process janusd wants. Output not asked for is read and dropped in
 * the guest; stdin not asked for is end-of-file at once (for a terminal: nothing is typed).
 *
 * @param rows the terminal's first size, 0 to leave it alone
 */
public record StdioRequest(boolean stdin, boolean stdout, boolean stderr, int rows, int cols) {

    /** stdout and stderr, as a container's log needs. */
    public static StdioRequest output() {
        return new StdioRequest(false, true, true, 0, 0);
    }

    public static StdioRequest all() {
        return new StdioRequest(true, true, true, 0, 0);
    }

    /** A terminal: one output stream (stderr is merged into it by the terminal). */
    public static StdioRequest terminal(boolean stdin, int rows, int cols) {
        return new StdioRequest(stdin, true, false, rows, cols);
    }
}
