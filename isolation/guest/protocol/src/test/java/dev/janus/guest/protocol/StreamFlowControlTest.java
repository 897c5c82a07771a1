package dev.janus.guest.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.guest.protocol.stream.ByteChannelStreams;
import dev.janus.guest.protocol.stream.Endpoint;
import dev.janus.guest.protocol.stream.InboundStream;
import dev.janus.guest.protocol.stream.OutboundStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StreamFlowControlTest {

    /** Two endpoints joined by two pipes, each with a read loop routing stream frames. */
    private static final class Pair {
        final Endpoint a;
        final Endpoint b;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Pair() throws IOException {
            Pipe toA = Pipe.open();
            Pipe toB = Pipe.open();
            a = new Endpoint(new FrameWriter(ByteChannelStreams.out(toB.sink())));
            b = new Endpoint(new FrameWriter(ByteChannelStreams.out(toA.sink())));
            loop(new FrameReader(new BufferedInputStream(ByteChannelStreams.in(toA.source()))), a);
            loop(new FrameReader(new BufferedInputStream(ByteChannelStreams.in(toB.source()))), b);
        }

        private void loop(FrameReader reader, Endpoint endpoint) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Frame frame;
                    while ((frame = reader.next()) != null) {
                        endpoint.deliver(frame);
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
    }

    @Test
    void aSlowReaderHoldsTheWriterToOneWindow() throws Exception {
        Pair pair = new Pair();
        InboundStream in = pair.b.openInbound(1);
        OutboundStream out = pair.a.openOutbound(1);
        byte[] data = new byte[3 << 20];
        new Random(1).nextBytes(data);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (out) {
                out.write(data, 0, data.length);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int maxBuffered = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            got.write(buffer, 0, n);
            maxBuffered = Math.max(maxBuffered, in.available());
            if (got.size() < 512 * 1024) {
                Thread.sleep(1);
            }
        }
        writer.get(10, TimeUnit.SECONDS);
        assertArrayEquals(data, got.toByteArray());
        assertTrue(maxBuffered <= Protocol.INITIAL_WINDOW, "buffered " + maxBuffered);
        assertNull(pair.failure.get());
    }

    @Test
    void aCancelledStreamStopsItsWriter() throws Exception {
        Pair pair = new Pair();
        InboundStream in = pair.b.openInbound(3);
        OutboundStream out = pair.a.openOutbound(3);
        out.write(new byte[] {1, 2, 3});
        assertEquals(1, in.read());
        in.close();
        IOException refused = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) {
                out.write(new byte[Protocol.INITIAL_WINDOW / 8]);
            }
        });
        assertTrue(refused.getMessage().contains("cancelled"), refused.getMessage());
    }

    @Test
    void theEndOfASessionWakesBlockedReadersAndWriters() throws Exception {
        Pair pair = new Pair();
        InboundStream in = pair.b.openInbound(5);
        OutboundStream out = pair.a.openOutbound(5);
        out.write(new byte[Protocol.INITIAL_WINDOW]);
        CompletableFuture<Throwable> blockedWriter = CompletableFuture.supplyAsync(() -> {
            try {
                out.write(1);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(200);
        pair.a.close();
        assertTrue(blockedWriter.get(5, TimeUnit.SECONDS) instanceof SessionClosedException);
        pair.b.close();
        // what had arrived is lost with the session: the reader learns the session ended
        assertThrows(SessionClosedException.class, () -> in.readAllBytes());
    }

    @Test
    void closeIsEndOfFileAfterTheData() throws Exception {
        Pair pair = new Pair();
        InboundStream in = pair.b.openInbound(9);
        try (OutboundStream out = pair.a.openOutbound(9)) {
            out.write("hello".getBytes());
        }
        assertEquals("hello", new String(in.readAllBytes()));
        assertEquals(-1, in.read());
    }
}
