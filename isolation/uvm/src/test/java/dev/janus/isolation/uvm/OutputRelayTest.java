package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.janus.isolation.ProcessStreams;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRelayTest {

    @Test
    void theLogAndAnAttachedClientGetTheSameOutput(@TempDir Path dir) throws Exception {
        PipedOutputStream stdout = new PipedOutputStream();
        PipedOutputStream stderr = new PipedOutputStream();
        CriLogWriter log = new CriLogWriter(dir.resolve("0.log"), Clock.systemUTC());
        OutputRelay relay = new OutputRelay("c1", log, new PipedInputStream(stdout), new PipedInputStream(stderr));
        OutputTap attach = relay.tap(true, false);

        stdout.write("to both\n".getBytes(StandardCharsets.UTF_8));
        ProcessStreams.Output chunk = attach.take();
        assertEquals(ProcessStreams.Source.STDOUT, chunk.source());
        assertEquals("to both\n", StandardCharsets.UTF_8.decode(chunk.data()).toString());
        stderr.write("log only\n".getBytes(StandardCharsets.UTF_8));
        stdout.close();
        stderr.close();
        relay.ended().get(10, TimeUnit.SECONDS);

        assertNull(attach.take(), "the client sees the end once both streams ended");
        List<String> texts = Files.readAllLines(dir.resolve("0.log")).stream().map(e -> e.split(" ", 4)[3]).toList();
        assertEquals(2, texts.size());
        assertEquals("to both", texts.get(0));
        assertEquals("log only", texts.get(1));
        log.close();
    }
}
