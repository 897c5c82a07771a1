package dev.janus.isolation.uvm.agent;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Collects what a terminal shows, on its own thread, so a test can wait for a piece of it. */
final class TerminalReader {

    private final StringBuffer screen = new StringBuffer();
    private int searchedTo;

    TerminalReader(InputStream output) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[4096];
            try (output) {
                int n;
                while ((n = output.read(buffer)) > 0) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the session ended: what came is kept
            }
        });
    }

    /** Waits (up to 20 s) until {@code text} shows after what the previous call matched. */
    void awaitContains(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            int at = screen.indexOf(text, searchedTo);
            if (at >= 0) {
                searchedTo = at + text.length();
                return;
            }
            Thread.sleep(20);
        }
        fail("the terminal never showed \"" + text + "\"; it showed: " + screen);
    }
}
