package dev.janus.isolation.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void stdoutStderrAndExitCodeComeBackApart() {
        Command.Result result = Command.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), TIMEOUT);
        assertEquals(3, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
    }

    @Test
    void stdinAndEnvironmentReachTheCommand() {
        Command.Result result = Command.run(List.of("sh", "-c", "cat; echo \"$GREETING\""), TIMEOUT,
                "from stdin\n".getBytes(StandardCharsets.UTF_8), Map.of("GREETING", "hello"));
        assertTrue(result.ok());
        assertEquals("from stdin\nhello\n", result.stdout());
    }

    @Test
    void aCommandWithoutInputReadsEndOfFile() {
        assertEquals("0", Command.run(List.of("sh", "-c", "wc -c"), TIMEOUT).stdout().strip());
    }

    @Test
    void outputLargerThanAPipeDoesNotStallTheCommand() {
        Command.Result result = Command.run(List.of("sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x"), TIMEOUT);
        assertTrue(result.ok());
        assertEquals(300_000, result.stdout().length());
    }

    @Test
    void anOverrunningCommandIsKilledAndReportedAsDeadlineExceeded() {
        long start = System.nanoTime();
        CriException e = assertThrows(CriException.class,
                () -> Command.run(List.of("sleep", "30"), Duration.ofMillis(300)));
        assertEquals(CriException.Kind.DEADLINE_EXCEEDED, e.kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "it did not wait for sleep 30");
    }

    @Test
    void noCaptureFileIsLeftBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = captureFiles(tmp);
        Command.run(List.of("sh", "-c", "echo out; echo err >&2"), TIMEOUT, new byte[] {1}, Map.of());
        assertThrows(CriException.class, () -> Command.run(List.of("sleep", "30"), Duration.ofMillis(200)));
        assertEquals(before, captureFiles(tmp));
    }

    private static long captureFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("janus-cmd-")).count();
        }
    }
}
