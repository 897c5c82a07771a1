package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriLogWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30.123456700Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void timestampsAreGoRfc3339NanoInUtc() {
        assertEquals("2026-11-22T10:15:30.1234567Z", CriLogWriter.timestamp(Instant.parse("2026-11-22T10:15:30.123456700Z")));
        assertEquals("2026-11-22T10:15:30Z", CriLogWriter.timestamp(Instant.parse("2026-11-22T10:15:30Z")));
        assertEquals("2026-11-22T10:15:30.000000001Z", CriLogWriter.timestamp(Instant.parse("2026-11-22T10:15:30.000000001Z")));
    }

    @Test
    void eachLineIsAFullEntryOfItsStream() throws Exception {
        Path log = dir.resolve("pod/app/0.log");
        try (CriLogWriter writer = new CriLogWriter(log, CLOCK)) {
            LogLines out = new LogLines(writer, CriLogWriter.Stream.STDOUT);
            LogLines err = new LogLines(writer, CriLogWriter.Stream.STDERR);
            feed(out, "hello\nwor");
            feed(err, "oops\n");
            feed(out, "ld\n\n");
        }
        assertEquals(List.of(
                "2026-11-22T10:15:30.1234567Z stdout F hello",
                "2026-11-22T10:15:30.1234567Z stderr F oops",
                "2026-11-22T10:15:30.1234567Z stdout F world",
                "2026-11-22T10:15:30.1234567Z stdout F "), Files.readAllLines(log));
    }

    @Test
    void longLinesAreCutIntoPartialEntries() throws Exception {
        Path log = dir.resolve("long.log");
        String line = "x".repeat(CriLogWriter.MAX_LINE * 2 + 10);
        try (CriLogWriter writer = new CriLogWriter(log, CLOCK)) {
            feed(new LogLines(writer, CriLogWriter.Stream.STDOUT), line + "\n");
        }
        List<String> entries = Files.readAllLines(log);
        assertEquals(3, entries.size());
        assertTrue(entries.get(0).startsWith("2026-11-22T10:15:30.1234567Z stdout P xxx"));
        assertEquals(CriLogWriter.MAX_LINE, entries.get(0).length() - "2026-11-22T10:15:30.1234567Z stdout P ".length());
        assertTrue(entries.get(1).contains(" stdout P "));
        assertEquals("2026-11-22T10:15:30.1234567Z stdout F " + "x".repeat(10), entries.get(2));
    }

    @Test
    void aLastLineWithoutNewlineIsFullWhenTheStreamEnds() throws Exception {
        Path log = dir.resolve("end.log");
        try (CriLogWriter writer = new CriLogWriter(log, CLOCK)) {
            LogLines out = new LogLines(writer, CriLogWriter.Stream.STDOUT);
            feed(out, "no newline");
            out.end();
            out.end();
        }
        assertEquals(List.of("2026-11-22T10:15:30.1234567Z stdout F no newline"), Files.readAllLines(log));
    }

    @Test
    void reopenStartsANewFileAfterRotation() throws Exception {
        Path log = dir.resolve("0.log");
        try (CriLogWriter writer = new CriLogWriter(log, CLOCK)) {
            LogLines out = new LogLines(writer, CriLogWriter.Stream.STDOUT);
            feed(out, "before\n");
            Files.move(log, dir.resolve("0.log.20261122-101530"));
            writer.reopen();
            assertTrue(Files.exists(log), "the new file exists when reopen returns");
            feed(out, "after\n");
        }
        assertEquals(List.of("2026-11-22T10:15:30.1234567Z stdout F after"), Files.readAllLines(log));
        assertEquals(List.of("2026-11-22T10:15:30.1234567Z stdout F before"),
                Files.readAllLines(dir.resolve("0.log.20261122-101530")));
    }

    @Test
    void withoutAPathOutputIsDropped() {
        try (CriLogWriter writer = new CriLogWriter(null, CLOCK)) {
            feed(new LogLines(writer, CriLogWriter.Stream.STDOUT), "nowhere\n");
            writer.reopen();
        }
    }

    private static void feed(LogLines lines, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        lines.feed(bytes, 0, bytes.length);
    }
}
