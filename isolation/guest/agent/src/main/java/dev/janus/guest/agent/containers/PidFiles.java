package dev.janus.guest.agent.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/** The runtime writes the container process's pid once it exists; the agent waits for it. */
final class PidFiles {

    private PidFiles() {
    }

    /** The pid, or empty if the runtime exited first or {@code timeout} passed. */
    static OptionalInt await(Path file, Process runtime, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalInt pid = read(file);
            if (pid.isPresent()) {
                return pid;
            }
            if (!runtime.isAlive()) {
                return read(file);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return OptionalInt.empty();
    }

    static OptionalInt read(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
