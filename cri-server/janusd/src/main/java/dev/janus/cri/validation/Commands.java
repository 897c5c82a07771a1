package dev.janus.cri.validation;

import java.util.List;

/** A command for exec: what the kernel passes to execve, so no NUL inside an argument. */
public final class Commands {

    private Commands() {
    }

    public static void check(String field, List<String> command) {
        Text.noNul(field, command);
    }
}
