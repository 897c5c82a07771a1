package dev.janus.isolation.p9;

import dev.janus.isolation.p9.fs.ShareTree;
import dev.janus.isolation.p9.server.P9Session;
import dev.janus.isolation.p9.wire.P9;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A 9P2000.L client for the tests, speaking to a {@link P9Session} over two pipes, as the
 * guest kernel would over its channel. Replies are matched to requests by tag, so requests may
 * overlap (for Tflush). An Rlerror comes back as {@link Rlerror}.
 */
final class P9TestClient implements AutoCloseable {

    static final int NOFID = -1;

    private final java.nio.channels.WritableByteChannel toServer;
    private final java.nio.channels.ReadableByteChannel toClient;
    private final Thread session;
    private final Map<Integer, CompletableFuture<ByteBuffer>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger tags = new AtomicInteger(1);
    private final Thread reader;

    /** An error reply: errno as the server sent it. */
    static final class Rlerror extends RuntimeException {
        final int errno;

        Rlerror(int errno) {
            super("Rlerror " + errno);
            this.errno = errno;
        }
    }

    P9TestClient(Function<String, ShareTree> shares) throws IOException {
        this(shares, 16384);
    }

    P9TestClient(Function<String, ShareTree> shares, int maxFids) throws IOException {
        this(Pipe.open(), Pipe.open(), shares, maxFids);
    }

    private P9TestClient(Pipe requests, Pipe replies, Function<String, ShareTree> shares, int maxFids) {
        this(requests.sink(), replies.source(), Thread.ofVirtual().start(new P9Session("test", requests.source(),
                replies.sink(), shares, maxFids)));
    }

    /** A client of a server elsewhere (another process), over a connected channel. */
    static P9TestClient over(java.nio.channels.SocketChannel channel) {
        return new P9TestClient(channel, channel, null);
    }

    private P9TestClient(java.nio.channels.WritableByteChannel toServer, java.nio.channels.ReadableByteChannel toClient,
            Thread session) {
        this.toServer = toServer;
        this.toClient = toClient;
        this.session = session;
        reader = Thread.ofVirtual().start(this::readReplies);
    }

    private void readReplies() {
        try {
            while (true) {
                ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                readFully(size);
                ByteBuffer frame = ByteBuffer.allocate(size.getInt(0)).order(ByteOrder.LITTLE_ENDIAN);
                frame.putInt(size.getInt(0));
                readFully(frame);
                frame.flip();
                int tag = frame.getShort(5) & 0xFFFF;
                CompletableFuture<ByteBuffer> reply = waiting.remove(tag);
                if (reply != null) {
                    reply.complete(frame);
                }
            }
        } catch (IOException e) {
            waiting.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (toClient.read(buffer) < 0) {
                throw new IOException("session closed");
            }
        }
    }

    /** A request built by {@link Msg}; its reply, positioned after the header, or Rlerror thrown. */
    ByteBuffer call(Msg msg) {
        return await(send(msg), msg.type + 1);
    }

    /** Writes raw bytes as they are: for malformed frames. */
    void sendRaw(ByteBuffer frame) throws IOException {
        synchronized (toServer) {
            while (frame.hasRemaining()) {
                toServer.write(frame);
            }
        }
    }

    /** Waits for the reply to {@code tag} of a frame sent raw; its type. */
    CompletableFuture<ByteBuffer> expect(int tag) {
        CompletableFuture<ByteBuffer> reply = new CompletableFuture<>();
        waiting.put(tag, reply);
        return reply;
    }

    boolean sessionAlive() {
        return session != null && session.isAlive();
    }

    CompletableFuture<ByteBuffer> send(Msg msg) {
        CompletableFuture<ByteBuffer> reply = new CompletableFuture<>();
        waiting.put(msg.tag, reply);
        ByteBuffer frame = msg.frame();
        synchronized (toServer) {
            try {
                while (frame.hasRemaining()) {
                    toServer.write(frame);
                }
            } catch (IOException e) {
                reply.completeExceptionally(e);
            }
        }
        return reply;
    }

    static ByteBuffer await(CompletableFuture<ByteBuffer> pending, int replyType) {
        ByteBuffer frame;
        try {
            frame = pending.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no reply: " + e, e);
        }
        int type = frame.get(4) & 0xFF;
        frame.position(P9.HEADER);
        if (type == P9.RLERROR) {
            throw new Rlerror(frame.getInt());
        }
        if (type != replyType) {
            throw new AssertionError("reply type " + type + ", expected " + replyType);
        }
        return frame;
    }

    Msg msg(int type) {
        return new Msg(type, type == P9.TVERSION ? P9.NOTAG : tags.getAndIncrement() & 0xFFFF);
    }

    // ---- the calls the tests make ----

    int version(int msize, String version) {
        ByteBuffer r = call(msg(P9.TVERSION).u32(msize).str(version));
        int agreed = r.getInt();
        String said = str(r);
        if (!said.equals(version)) {
            throw new Rlerror(-1);
        }
        return agreed;
    }

    ByteBuffer attach(int fid, int uid, String aname) {
        return call(msg(P9.TATTACH).u32(fid).u32(NOFID).str("").str(aname).u32(uid));
    }

    /** The qids the walk answered (fewer than the names when a later one failed). */
    List<Long> walk(int fid, int newfid, String... names) {
        Msg m = msg(P9.TWALK).u32(fid).u32(newfid).u16(names.length);
        for (String name : names) {
            m.str(name);
        }
        ByteBuffer r = call(m);
        int n = r.getShort() & 0xFFFF;
        List<Long> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.get();
            r.getInt();
            paths.add(r.getLong());
        }
        return paths;
    }

    /** Rgetattr's fields after valid: qid type, qid path, mode, uid, gid, nlink, rdev, size, ... */
    Attr getattr(int fid) {
        ByteBuffer r = call(msg(P9.TGETATTR).u32(fid).u64(P9.GETATTR_ALL));
        r.getLong();
        int qidType = r.get() & 0xFF;
        r.getInt();
        long path = r.getLong();
        return new Attr(qidType, path, r.getInt(), r.getInt(), r.getInt(), r.getLong(), r.getLong(), r.getLong(),
                r.getLong(), r.getLong(), r.getLong(), r.getLong(), r.getLong(), r.getLong());
    }

    record Attr(int qidType, long ino, int mode, int uid, int gid, long nlink, long rdev, long size, long blksize,
            long blocks, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec) {
    }

    void lopen(int fid, int flags) {
        call(msg(P9.TLOPEN).u32(fid).u32(flags));
    }

    void lcreate(int fid, String name, int flags, int mode, int gid) {
        call(msg(P9.TLCREATE).u32(fid).str(name).u32(flags).u32(mode).u32(gid));
    }

    int write(int fid, long offset, byte[] data) {
        return call(msg(P9.TWRITE).u32(fid).u64(offset).u32(data.length).raw(data)).getInt();
    }

    byte[] read(int fid, long offset, int count) {
        ByteBuffer r = call(msg(P9.TREAD).u32(fid).u64(offset).u32(count));
        byte[] data = new byte[r.getInt()];
        r.get(data);
        return data;
    }

    /** Every name in the directory open at {@code fid}, reading {@code count} bytes at a time. */
    List<String> readdir(int fid, int count) {
        List<String> names = new ArrayList<>();
        long offset = 0;
        while (true) {
            ByteBuffer r = call(msg(P9.TREADDIR).u32(fid).u64(offset).u32(count));
            int bytes = r.getInt();
            if (bytes == 0) {
                return names;
            }
            int end = r.position() + bytes;
            while (r.position() < end) {
                r.position(r.position() + 13);
                offset = r.getLong();
                r.get();
                names.add(str(r));
            }
        }
    }

    void mkdir(int dirFid, String name, int mode, int gid) {
        call(msg(P9.TMKDIR).u32(dirFid).str(name).u32(mode).u32(gid));
    }

    void symlink(int dirFid, String name, String target, int gid) {
        call(msg(P9.TSYMLINK).u32(dirFid).str(name).str(target).u32(gid));
    }

    void mknod(int dirFid, String name, int mode, int major, int minor, int gid) {
        call(msg(P9.TMKNOD).u32(dirFid).str(name).u32(mode).u32(major).u32(minor).u32(gid));
    }

    void link(int dirFid, int fid, String name) {
        call(msg(P9.TLINK).u32(dirFid).u32(fid).str(name));
    }

    String readlink(int fid) {
        return str(call(msg(P9.TREADLINK).u32(fid)));
    }

    void renameat(int oldDir, String oldName, int newDir, String newName) {
        call(msg(P9.TRENAMEAT).u32(oldDir).str(oldName).u32(newDir).str(newName));
    }

    void unlinkat(int dirFid, String name, int flags) {
        call(msg(P9.TUNLINKAT).u32(dirFid).str(name).u32(flags));
    }

    void setattr(int fid, int valid, int mode, int uid, int gid, long size, long aSec, long aNsec, long mSec,
            long mNsec) {
        call(msg(P9.TSETATTR).u32(fid).u32(valid).u32(mode).u32(uid).u32(gid).u64(size).u64(aSec).u64(aNsec)
                .u64(mSec).u64(mNsec));
    }

    long statfsBlocks(int fid) {
        ByteBuffer r = call(msg(P9.TSTATFS).u32(fid));
        r.getInt();
        r.getInt();
        return r.getLong();
    }

    void fsync(int fid) {
        call(msg(P9.TFSYNC).u32(fid).u32(0));
    }

    long xattrwalk(int fid, int newfid, String name) {
        return call(msg(P9.TXATTRWALK).u32(fid).u32(newfid).str(name)).getLong();
    }

    void xattrcreate(int fid, String name, long size, int flags) {
        call(msg(P9.TXATTRCREATE).u32(fid).str(name).u64(size).u32(flags));
    }

    int lock(int fid, int type, long start, long length) {
        return call(msg(P9.TLOCK).u32(fid).u8(type).u32(0).u64(start).u64(length).u32(1).str("test")).get() & 0xFF;
    }

    int getlockType(int fid, int type, long start, long length) {
        return call(msg(P9.TGETLOCK).u32(fid).u8(type).u64(start).u64(length).u32(1).str("test")).get() & 0xFF;
    }

    void clunk(int fid) {
        call(msg(P9.TCLUNK).u32(fid));
    }

    void remove(int fid) {
        call(msg(P9.TREMOVE).u32(fid));
    }

    static String str(ByteBuffer r) {
        byte[] bytes = new byte[r.getShort() & 0xFFFF];
        r.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A T-message being built. */
    static final class Msg {
        final int type;
        final int tag;
        private final ByteBuffer body = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        Msg(int type, int tag) {
            this.type = type;
            this.tag = tag;
        }

        Msg u8(int v) {
            body.put((byte) v);
            return this;
        }

        Msg u16(int v) {
            body.putShort((short) v);
            return this;
        }

        Msg u32(int v) {
            body.putInt(v);
            return this;
        }

        Msg u64(long v) {
            body.putLong(v);
            return this;
        }

        Msg str(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            body.putShort((short) bytes.length).put(bytes);
            return this;
        }

        Msg raw(byte[] bytes) {
            body.put(bytes);
            return this;
        }

        ByteBuffer frame() {
            body.flip();
            ByteBuffer frame = ByteBuffer.allocate(P9.HEADER + body.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(P9.HEADER + body.remaining()).put((byte) type).putShort((short) tag).put(body);
            return frame.flip();
        }
    }

    @Override
    public void close() throws IOException {
        toServer.close();
        if (session != null) {
            try {
                session.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        toClient.close();
        reader.interrupt();
    }
}
