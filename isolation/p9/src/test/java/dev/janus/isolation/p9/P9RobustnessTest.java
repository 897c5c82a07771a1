package dev.janus.isolation.p9;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.p9.fs.Share;
import dev.janus.isolation.p9.fs.ShareTree;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or broken guest can send: random bodies for every message type, fids beyond the
 * bound, Tflush of tags that are and are not pending. Each gets an answer, nothing escapes the
 * share, and the session goes on serving.
 */
class P9RobustnessTest {

    private static final List<Integer> TYPES = List.of(P9.TSTATFS, P9.TLOPEN, P9.TLCREATE, P9.TSYMLINK, P9.TMKNOD,
            P9.TRENAME, P9.TREADLINK, P9.TGETATTR, P9.TSETATTR, P9.TXATTRWALK, P9.TXATTRCREATE, P9.TREADDIR,
            P9.TFSYNC, P9.TLOCK, P9.TGETLOCK, P9.TLINK, P9.TMKDIR, P9.TRENAMEAT, P9.TUNLINKAT, P9.TAUTH, P9.TATTACH,
            P9.TWALK, P9.TREAD, P9.TWRITE, P9.TCLUNK, P9.TREMOVE, 3, 99, 255);

    @TempDir
    Path dir;

    @Test
    void randomBodiesOfEveryTypeAreAnsweredAndTheSessionGoesOn() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path root = Files.createDirectories(dir.resolve("share"));
        Files.writeString(root.resolve("keep"), "kept");
        Random random = new Random(42);
        try (Share share = Share.open("vol", root, false, false);
                P9TestClient client = new P9TestClient(a -> new ShareTree(share))) {
            client.version(65536, P9.VERSION);
            client.attach(1, 0, "");
            client.walk(1, 2, "keep");
            for (int i = 0; i < 3000; i++) {
                int type = TYPES.get(random.nextInt(TYPES.size()));
                int tag = 1000 + i;
                byte[] body = new byte[random.nextInt(64)];
                random.nextBytes(body);
                // small fids now and then, so some bodies reach the file system
                if (body.length >= 4 && random.nextBoolean()) {
                    body[0] = (byte) (1 + random.nextInt(3));
                    body[1] = body[2] = body[3] = 0;
                }
                ByteBuffer frame = ByteBuffer.allocate(P9.HEADER + body.length).order(ByteOrder.LITTLE_ENDIAN);
                frame.putInt(P9.HEADER + body.length).put((byte) type).putShort((short) tag).put(body).flip();
                CompletableFuture<ByteBuffer> reply = client.expect(tag);
                client.sendRaw(frame);
                ByteBuffer answer = reply.get(10, TimeUnit.SECONDS);
                assertTrue((answer.get(4) & 0xFF) == P9.RLERROR || (answer.get(4) & 0xFF) == type + 1,
                        "type " + type + " answered with " + (answer.get(4) & 0xFF));
            }
            assertTrue(client.sessionAlive());
            client.attach(700, 0, "");
            client.mkdir(700, "still-served", 0755, 0);
            assertTrue(Files.isDirectory(root.resolve("still-served")), "the session still serves");
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("share")), left.toList(), "nothing was made beside the share");
        }
    }

    @Test
    void aFrameLargerThanMsizeEndsTheSessionAndNothingElseDoes() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path root = Files.createDirectories(dir.resolve("share"));
        try (Share share = Share.open("vol", root, false, false);
                P9TestClient client = new P9TestClient(a -> new ShareTree(share))) {
            client.version(8192, P9.VERSION);
            ByteBuffer huge = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1 << 30).put((byte) 8)
                    .putShort((short) 1).put((byte) 0).flip();
            client.sendRaw(huge);
            for (int i = 0; i < 100 && client.sessionAlive(); i++) {
                Thread.sleep(20);
            }
            assertTrue(!client.sessionAlive(), "a frame past msize is a broken channel: the session ends");
        }
    }

    @Test
    void fidsAreBounded() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path root = Files.createDirectories(dir.resolve("share"));
        try (Share share = Share.open("vol", root, false, false);
                P9TestClient client = new P9TestClient(a -> new ShareTree(share), 64)) {
            client.version(8192, P9.VERSION);
            client.attach(1, 0, "");
            for (int fid = 2; fid <= 64; fid++) {
                client.walk(1, fid);
            }
            var e = assertThrows(P9TestClient.Rlerror.class, () -> client.walk(1, 65));
            assertEquals(Errno.EMFILE, e.errno);
            client.clunk(64);
            client.walk(1, 65);
        }
    }

    /**
     * The guest kernel reuses a tag the moment its reply arrives, while the server's thread that
     * sent it may still be finishing: the new request is served, never refused as a tag in use
     * (a refused Tclunk leaves a fid the guest forgot, and its number later fails as "in use").
     */
    @Test
    void aTagIsServedAgainTheMomentItsReplyArrives() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path root = Files.createDirectories(dir.resolve("share"));
        try (Share share = Share.open("vol", root, false, false);
                P9TestClient client = new P9TestClient(a -> new ShareTree(share))) {
            client.version(8192, P9.VERSION);
            client.attach(1, 0, "");
            for (int i = 0; i < 20_000; i++) {
                ByteBuffer getattr = ByteBuffer.allocate(P9.HEADER + 12).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(P9.HEADER + 12).put((byte) P9.TGETATTR).putShort((short) 7).putInt(1)
                        .putLong(P9.GETATTR_ALL).flip();
                CompletableFuture<ByteBuffer> reply = client.expect(7);
                client.sendRaw(getattr);
                int type = reply.get(10, TimeUnit.SECONDS).get(4) & 0xFF;
                assertEquals(P9.TGETATTR + 1, type, "reply " + i + " to a reused tag");
            }
        }
    }

    @Test
    void flushAnswersAfterTheRequestItNamesAndForUnknownTags() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path root = Files.createDirectories(dir.resolve("share"));
        try (Share share = Share.open("vol", root, false, false);
                P9TestClient client = new P9TestClient(a -> new ShareTree(share))) {
            client.version(8192, P9.VERSION);
            client.attach(1, 0, "");
            P9TestClient.Msg getattr = client.msg(P9.TGETATTR).u32(1).u64(P9.GETATTR_ALL);
            CompletableFuture<ByteBuffer> first = client.send(getattr);
            P9TestClient.Msg flush = client.msg(P9.TFLUSH).u16(getattr.tag);
            ByteBuffer flushed = P9TestClient.await(client.send(flush), P9.TFLUSH + 1);
            assertEquals(P9.TFLUSH + 1, flushed.get(4) & 0xFF);
            // the reader completes replies in the order they arrive: the getattr ran to the end
            // before Rflush, so its reply came first (a guest keeps a reply that precedes Rflush)
            assertTrue(first.isDone(), "the flushed request's reply before Rflush");
            assertEquals(P9.TGETATTR + 1, first.get().get(4) & 0xFF);
            ByteBuffer unknown = P9TestClient.await(client.send(client.msg(P9.TFLUSH).u16(4242)), P9.TFLUSH + 1);
            assertEquals(P9.TFLUSH + 1, unknown.get(4) & 0xFF);
        }
    }
}
