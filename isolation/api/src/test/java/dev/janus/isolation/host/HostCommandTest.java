package dev.janus.isolation.host;

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

class HostCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void stdoutStderrAndExitCodeComeBackApart() {
        HostCommand.Result result = HostCommand.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), TIMEOUT);
        assertEquals(3, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
    }

    @Test
    void stdinAndEnvironmentReachTheCommand() {
        HostCommand.Result result = HostCommand.run(List.of("sh", "-c", "cat; echo \"$GREETING\""), TIMEOUT,
                "from stdin\n".getBytes(StandardCharsets.UTF_8), Map.of("GREETING", "hello"));
        assertTrue(result.ok());
        assertEquals("from stdin\nhello\n", result.stdout());
    }

    @Test
    void aCommandWithoutInputReadsEndOfFile() {
        assertEquals("0", HostCommand.run(List.of("sh", "-c", "wc -c"), TIMEOUT).stdout().strip());
    }

    @Test
    void outputLargerThanAPipeDoesNotStallTheCommand() {
        HostCommand.Result result = HostCommand.run(List.of("sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x"), TIMEOUT);
        assertTrue(result.ok());
        assertEquals(300_000, result.stdout().length());
    }

    @Test
    void anOverrunningCommandIsKilledAndReportedAsDeadlineExceeded() {
        long start = System.nanoTime();
        CriException e = assertThrows(CriException.class,
                () -> HostCommand.run(List.of("sleep", "30"), Duration.ofMillis(300)));
        assertEquals(CriException.Kind.DEADLINE_EXCEEDED, e.kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "it did not wait for sleep 30");
    }

    @Test
    void aMissingToolIsAFailedPrecondition() {
        CriException e = assertThrows(CriException.class,
                () -> HostCommand.run(List.of("/nonexistent/janus-tool"), TIMEOUT));
        assertEquals(CriException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("/nonexistent/janus-tool"), e.getMessage());
    }

    @Test
    void checkQuotesTheOutputOfAFailedCommand() {
        assertEquals("fine", HostCommand.check(List.of("sh", "-c", "echo fine"), TIMEOUT));
        CriException e = assertThrows(CriException.class,
                () -> HostCommand.check(List.of("sh", "-c", "echo broken >&2; exit 2"), TIMEOUT));
        assertTrue(e.getMessage().contains("(exit 2): broken"), e.getMessage());
    }

    @Test
    void noCaptureFileIsLeftBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = captureFiles(tmp);
        HostCommand.run(List.of("sh", "-c", "echo out; echo err >&2"), TIMEOUT, new byte[] {1}, Map.of());
        assertThrows(CriException.class, () -> HostCommand.run(List.of("sleep", "30"), Duration.ofMillis(200)));
        assertEquals(before, captureFiles(tmp));
    }

    private static long captureFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("janus-cmd-")).count();
        }
    }
}
