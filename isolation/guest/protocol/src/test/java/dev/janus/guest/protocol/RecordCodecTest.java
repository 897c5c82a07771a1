package dev.janus.guest.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.guest.protocol.codec.RecordCodec;
import dev.janus.guest.protocol.ops.ContainerStatus;
import dev.janus.guest.protocol.ops.ErrorKind;
import dev.janus.guest.protocol.ops.ErrorReply;
import dev.janus.guest.protocol.ops.WriteFile;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    record V1(int a, String b) {
    }

    record V2(int a, String b, List<String> c, long d) {
    }

    record Outer1(List<V1> items, boolean flag) {
    }

    record Outer2(List<V2> items, boolean flag) {
    }

    record Status(ContainerStatus status) {
    }

    record Named(String status) {
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        RandomRecords random = new RandomRecords(new Random(7));
        for (Class<? extends Record> type : RandomRecords.messageTypes()) {
            for (int i = 0; i < 20; i++) {
                Record message = random.of(type);
                Record back = RecordCodec.decode(type, RecordCodec.encode(message));
                // byte[] fields compare by identity in records: compare encodings instead
                assertArrayEquals(RecordCodec.encode(message), RecordCodec.encode(back), type.getName());
            }
        }
    }

    @Test
    void aNewerSendersAppendedFieldsAreSkipped() throws Exception {
        byte[] wire = RecordCodec.encode(new Outer2(List.of(new V2(1, "x", List.of("y"), 9)), true));
        Outer1 old = RecordCodec.decode(Outer1.class, wire);
        assertEquals(new Outer1(List.of(new V1(1, "x")), true), old);
    }

    @Test
    void anOlderSendersMissingFieldsGetDefaults() throws Exception {
        byte[] wire = RecordCodec.encode(new Outer1(List.of(new V1(1, "x")), true));
        Outer2 newer = RecordCodec.decode(Outer2.class, wire);
        assertEquals(new Outer2(List.of(new V2(1, "x", List.of(), 0)), true), newer);
    }

    @Test
    void nullsTravelAsDefaults() throws Exception {
        WriteFile.Request back = RecordCodec.decode(WriteFile.Request.class,
                RecordCodec.encode(new WriteFile.Request(null, null, 0644)));
        assertEquals("", back.path());
        assertEquals(0, back.content().length);
        assertEquals(0644, back.mode());
    }

    @Test
    void enumsTravelByNameAndUnknownNamesBecomeUnknown() throws Exception {
        assertEquals(ContainerStatus.UNKNOWN,
                RecordCodec.decode(Status.class, RecordCodec.encode(new Named("PAUSED"))).status());
        assertEquals(ContainerStatus.EXITED,
                RecordCodec.decode(Status.class, RecordCodec.encode(new Named("EXITED"))).status());
        assertEquals(ErrorKind.NOT_FOUND, RecordCodec.decode(ErrorReply.class,
                RecordCodec.encode(new ErrorReply(ErrorKind.NOT_FOUND, "no container x"))).kind());
    }

    @Test
    void lengthsBeyondTheInputAreRefusedBeforeAllocating() {
        // a string claiming 2 GiB in a 6-byte payload
        byte[] wire = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'a', 'b'};
        assertThrows(ProtocolException.class, () -> RecordCodec.decode(Named.class, wire));
    }

    @Test
    void malformedUtf8IsRefused() {
        byte[] wire = {0, 0, 0, 2, (byte) 0xC3, 0x28};
        assertThrows(ProtocolException.class, () -> RecordCodec.decode(Named.class, wire));
    }
}
