package dev.janus.guest.protocol;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.janus.guest.protocol.codec.RecordCodec;
import dev.janus.guest.protocol.ops.ErrorReply;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds the frame reader and the record decoder valid frames broken in many ways, and random
 * bytes. Each input must decode or fail with ProtocolException: no other exception, no
 * allocation beyond what the frame bound allows, no endless loop. Seeded: rerun a failure with
 * {@code -Dfuzz.seed=N}, more cases with {@code -Dfuzz.cases=N}.
 */
class DecoderFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x4A414E5553L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 40_000);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Random random = new Random(SEED);
    private final RandomRecords records = new RandomRecords(random);
    private final List<Class<? extends Record>> types = RandomRecords.messageTypes();
    private int decoded;
    private int refused;

    @Test
    void brokenFramesDecodeOrFailCleanly() {
        System.out.println("DecoderFuzzTest seed=" + SEED + " cases=" + CASES);
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] input = mutate(validFrame());
                check(input, i);
            }
        });
        System.out.println("DecoderFuzzTest decoded=" + decoded + " refused=" + refused);
        assertTrue(decoded > CASES / 50, "the mutations should leave some frames valid");
        assertTrue(refused > CASES / 2, "most mutations should be refused");
    }

    private void check(byte[] input, int index) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            decodeAll(input);
            decoded++;
        } catch (ProtocolException e) {
            refused++;
        } catch (Throwable t) {
            fail("case " + index + " (seed " + SEED + "): " + t + " for " + hex(input), t);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        // the frame buffer, its decoded copy, strings as UTF-16, list growth: all bounded by input size
        long bound = 2L * Protocol.MAX_FRAME_BYTES + 16L * input.length + (1 << 16);
        assertTrue(allocated <= bound, "case " + index + " allocated " + allocated + " bytes for "
                + input.length + " input bytes (seed " + SEED + ")");
    }

    /** Reads every frame of the input and decodes each payload as its type says. */
    private static void decodeAll(byte[] input) throws ProtocolException {
        FrameReader reader = new FrameReader(new BufferedInputStream(new ByteArrayInputStream(input)));
        try {
            Frame frame;
            while ((frame = reader.next()) != null) {
                decodePayload(frame);
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new AssertionError("a byte array cannot fail to read", e);
        }
    }

    private static void decodePayload(Frame frame) throws ProtocolException {
        switch (frame.type()) {
            case REQUEST -> {
                var op = Op.ofCode(frame.op());
                if (op.isPresent()) {
                    RecordCodec.decode(op.get().requestType(), frame.payload());
                }
            }
            case RESPONSE -> {
                var op = Op.ofCode(frame.op());
                if (op.isPresent()) {
                    RecordCodec.decode(op.get().replyType(), frame.payload());
                }
            }
            case ERROR -> RecordCodec.decode(ErrorReply.class, frame.payload());
            case EVENT -> {
                var event = EventType.ofCode(frame.op());
                if (event.isPresent()) {
                    RecordCodec.decode(event.get().type(), frame.payload());
                }
            }
            default -> {
                // stream frames carry raw bytes; their header rules were checked by the reader
            }
        }
    }

    private byte[] validFrame() {
        Class<? extends Record> type = types.get(random.nextInt(types.size()));
        byte[] payload = RecordCodec.encode(records.of(type));
        int id = 1 + random.nextInt(1000);
        Frame frame;
        if (type == ErrorReply.class) {
            frame = Frame.error(Op.values()[random.nextInt(Op.values().length)].code(), id, payload);
        } else if (EventType.EXITED.type() == type) {
            frame = Frame.event(EventType.EXITED, id, payload);
        } else {
            Op op = Arrays.stream(Op.values()).filter(o -> o.requestType() == type || o.replyType() == type)
                    .findFirst().orElseThrow();
            frame = op.requestType() == type ? Frame.request(op, id, payload) : Frame.response(op.code(), id, payload);
        }
        return FrameWriter.encode(frame);
    }

    private byte[] mutate(byte[] frame) {
        byte[] b = frame.clone();
        switch (random.nextInt(10)) {
            case 0 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 1 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    int at = random.nextInt(b.length);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> putInt(b, 12 + random.nextInt(Math.max(1, b.length - 15)), hugeCount());
            case 3 -> putInt(b, 0, hugeCount());
            case 4 -> b[(12 + random.nextInt(Math.max(1, b.length - 12))) % b.length] = (byte) random.nextInt(256);
            case 5 -> {
                // the frame grows by bytes its length does not cover, or the length covers bytes not there
                int delta = random.nextInt(64) - 32;
                putInt(b, 0, b.length - 4 + delta);
            }
            case 6 -> {
                byte[] two = new byte[b.length * 2];
                System.arraycopy(b, 0, two, 0, b.length);
                System.arraycopy(b, 0, two, b.length, b.length);
                b = Arrays.copyOf(two, b.length + random.nextInt(b.length + 1));
            }
            case 7 -> {
                b = new byte[random.nextInt(256)];
                random.nextBytes(b);
            }
            case 8 -> {
                // counts and lengths inside the payload: every aligned int set to a big count
                for (int at = 12; at + 4 <= b.length; at += 4) {
                    if (random.nextInt(3) == 0) {
                        putInt(b, at, hugeCount());
                    }
                }
            }
            default -> {
                // unchanged, or with its last field cut: still a frame, maybe still a message
                if (random.nextBoolean() && b.length > 12) {
                    int cut = random.nextInt(b.length - 12);
                    b = Arrays.copyOf(b, b.length - cut);
                    putInt(b, 0, b.length - 4);
                }
            }
        }
        return b;
    }

    private int hugeCount() {
        int[] choices = {-1, Integer.MAX_VALUE, Protocol.MAX_FRAME_BYTES, Protocol.MAX_FRAME_BYTES - 4, 1 << 24,
            65536, 1000, random.nextInt()};
        return choices[random.nextInt(choices.length)];
    }

    private static void putInt(byte[] b, int at, int v) {
        if (at < 0 || at + 4 > b.length) {
            return;
        }
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 96); i++) {
            s.append(String.format("%02x", b[i]));
        }
        return s + (b.length > 96 ? "... (" + b.length + " bytes)" : "");
    }
}
