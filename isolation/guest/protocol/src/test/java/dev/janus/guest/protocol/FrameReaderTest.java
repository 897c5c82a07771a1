package dev.janus.guest.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static FrameReader reader(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return new FrameReader(new BufferedInputStream(new ByteArrayInputStream(all.toByteArray())));
    }

    @Test
    void framesRoundTripAndTheStreamEndsCleanly() throws Exception {
        Frame request = Frame.request(Op.PING, 42, new byte[] {1, 2, 3});
        Frame window = Frame.window(7, 4096);
        FrameReader reader = reader(FrameWriter.encode(request), FrameWriter.encode(window));
        Frame first = reader.next();
        assertEquals(FrameType.REQUEST, first.type());
        assertEquals(Op.PING.code(), first.op());
        assertEquals(42, first.id());
        assertArrayEquals(new byte[] {1, 2, 3}, first.payload());
        assertEquals(4096, reader.next().credit());
        assertNull(reader.next());
    }

    @Test
    void aPreambleBetweenFramesIsReportedAsSync() throws Exception {
        FrameReader reader = reader(FrameWriter.encode(Frame.close(3)), Protocol.preamble(),
                FrameWriter.encode(Frame.close(4)));
        assertEquals(3, reader.next().id());
        assertSame(Frame.SYNC, reader.next());
        assertEquals(4, reader.next().id());
    }

    @Test
    void awaitPreambleSkipsTheTailOfAnOldSession() throws Exception {
        byte[] junk = {5, 0, 0, 1, (byte) 0x89, 'J', 'G', 0, 9};
        FrameReader reader = reader(junk, Protocol.preamble(), FrameWriter.encode(Frame.close(9)));
        assertTrue(reader.awaitPreamble());
        assertEquals(9, reader.next().id());
    }

    @Test
    void oversizedLengthsAreRefusedFromTheHeaderAlone() {
        byte[] huge = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 0, 0, 1};
        assertThrows(ProtocolException.class, () -> reader(huge).next());
    }

    @Test
    void aTruncatedFrameIsAProtocolError() {
        byte[] whole = FrameWriter.encode(Frame.request(Op.PING, 1, new byte[10]));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
        assertThrows(ProtocolException.class, () -> reader(cut).next());
    }

    @Test
    void headerRulesArePerType() {
        assertThrows(ProtocolException.class, () -> reader(FrameWriter.encode(
                new Frame(FrameType.WINDOW, 0, 0, 5, new byte[] {0, 0, 0, 0}))).next());
        assertThrows(ProtocolException.class, () -> reader(FrameWriter.encode(
                new Frame(FrameType.DATA, 0, 0, 0, new byte[] {1}))).next());
        assertThrows(ProtocolException.class, () -> reader(FrameWriter.encode(
                new Frame(FrameType.REQUEST, 0, 0, 1, new byte[0]))).next());
        byte[] badType = FrameWriter.encode(Frame.close(3));
        badType[4] = 99;
        assertThrows(ProtocolException.class, () -> reader(badType).next());
    }
}
