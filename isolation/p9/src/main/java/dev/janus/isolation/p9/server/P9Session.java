package dev.janus.isolation.p9.server;

import dev.janus.isolation.p9.fs.ShareTree;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.MessageReader;
import dev.janus.isolation.p9.wire.MessageWriter;
import dev.janus.isolation.p9.wire.P9;
import dev.janus.isolation.p9.wire.P9Error;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One 9P2000.L connection: frames read in order, each request served on a virtual thread of its
 * own, so a slow one (an fsync) holds up no other; at most {@value #MAX_IN_FLIGHT} at once, after
 * which the reader stops reading (the guest then waits: memory stays bounded). Replies go out in
 * the order requests finish. A tag is free again once its reply is on its way: the guest may
 * reuse it at once, before the thread that answered is done. Tflush waits for the request it
 * names to finish and lets its reply go out first: a request that ran changed state (a walk made
 * a fid, a clunk dropped one), and the guest keeps such a reply when it comes before Rflush.
 * Tversion starts the session afresh.
 */
public final class P9Session implements Runnable {

    public static final int MAX_MSIZE = 512 * 1024;
    private static final int MIN_MSIZE = 4096;
    static final int MAX_IN_FLIGHT = 32;
    static final int MAX_FIDS = 16384;
    private static final Logger LOG = LoggerFactory.getLogger(P9Session.class);

    private final String name;
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final Function<String, ShareTree> shares;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Object writing = new Object();
    private final int maxFids;
    private FidTable fids;
    private Operations operations;
    private int msize = MIN_MSIZE;

    /** A request being served: whether its reply is on its way (its tag free), and when it is done. */
    private static final class Pending {
        volatile boolean replied;
        final CompletableFuture<Void> done = new CompletableFuture<>();
    }

    /** @param shares the share an attach names by its aname (empty: the session's only share); null if none */
    public P9Session(String name, ReadableByteChannel in, WritableByteChannel out, Function<String, ShareTree> shares) {
        this(name, in, out, shares, MAX_FIDS);
    }

    /** @param maxFids how many fids the guest may hold at once (each is a descriptor on the host) */
    public P9Session(String name, ReadableByteChannel in, WritableByteChannel out, Function<String, ShareTree> shares,
            int maxFids) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.shares = shares;
        this.maxFids = maxFids;
        this.fids = new FidTable(maxFids);
    }

    @Override
    public void run() {
        try {
            while (true) {
                ByteBuffer frame = readFrame();
                int type = frame.get(4) & 0xFF;
                int tag = frame.getShort(5) & 0xFFFF;
                MessageReader body = new MessageReader(frame.position(P9.HEADER));
                switch (type) {
                    case P9.TVERSION -> send(version(tag, body));
                    case P9.TFLUSH -> Thread.ofVirtual().name("9p-flush").start(() -> flush(tag, body));
                    default -> serve(type, tag, body);
                }
            }
        } catch (EOFException e) {
            LOG.debug("9p session {} ended", name);
        } catch (IOException | P9Error e) {
            LOG.info("9p session {} ended: {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drain();
            fids.closeAll();
        }
    }

    private ByteBuffer readFrame() throws IOException {
        ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(size);
        int length = size.getInt(0);
        if (length < P9.HEADER || length > msize) {
            throw new P9Error(Errno.EPROTO, "a frame of " + Integer.toUnsignedString(length)
                    + " bytes (msize " + msize + ")");
        }
        ByteBuffer frame = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(length);
        readFully(frame);
        return frame.flip();
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new EOFException();
            }
        }
    }

    /** Tversion: msize agreed, every fid of the old session clunked. */
    private ByteBuffer version(int tag, MessageReader body) throws InterruptedException {
        int requested = body.u32();
        String version = body.string();
        drain();
        fids.closeAll();
        fids = new FidTable(maxFids);
        if (!version.equals(P9.VERSION) || Integer.compareUnsigned(requested, MIN_MSIZE) < 0) {
            operations = null;
            return new MessageWriter(P9.HEADER + 4 + 2 + 7, P9.TVERSION + 1, tag).u32(MIN_MSIZE).string("unknown")
                    .finish();
        }
        msize = Integer.compareUnsigned(requested, MAX_MSIZE) > 0 ? MAX_MSIZE : requested;
        operations = new Operations(fids, shares, msize);
        return new MessageWriter(P9.HEADER + 4 + 2 + P9.VERSION.length(), P9.TVERSION + 1, tag).u32(msize)
                .string(P9.VERSION).finish();
    }

    private void serve(int type, int tag, MessageReader body) throws InterruptedException {
        Operations ops = operations;
        Pending request = new Pending();
        // a tag whose reply went out is the guest's to reuse, even while its thread finishes
        Pending current = ops == null ? null
                : pending.compute(tag, (t, old) -> old == null || old.replied ? request : old);
        if (current != request) {
            send(MessageWriter.error(tag, ops == null ? Errno.EPROTO : Errno.EINVAL));
            return;
        }
        inFlight.acquire();
        Thread.ofVirtual().name("9p-" + P9.name(type)).start(() -> {
            try {
                ByteBuffer reply;
                try {
                    reply = ops.handle(type, tag, body);
                } catch (P9Error e) {
                    LOG.debug("9p {} {}: {}", name, P9.name(type), e.getMessage());
                    reply = MessageWriter.error(tag, e.errno());
                } catch (RuntimeException e) {
                    LOG.warn("9p {} {} failed", name, P9.name(type), e);
                    reply = MessageWriter.error(tag, Errno.EIO);
                }
                request.replied = true;
                send(reply);
            } finally {
                pending.remove(tag, request);
                request.done.complete(null);
                inFlight.release();
            }
        });
    }

    /** Tflush: the request it names finishes and its reply goes out, then Rflush. */
    private void flush(int tag, MessageReader body) {
        int oldTag;
        try {
            oldTag = body.u16();
        } catch (P9Error e) {
            send(MessageWriter.error(tag, e.errno()));
            return;
        }
        Pending old = pending.get(oldTag);
        if (old != null) {
            old.done.join();
        }
        send(new MessageWriter(P9.HEADER, P9.TFLUSH + 1, tag).finish());
    }

    private void send(ByteBuffer reply) {
        synchronized (writing) {
            try {
                while (reply.hasRemaining()) {
                    out.write(reply);
                }
            } catch (IOException e) {
                LOG.debug("9p session {}: reply not sent: {}", name, e.getMessage());
            }
        }
    }

    /** Waits until no request is being served. */
    private void drain() {
        try {
            inFlight.acquire(MAX_IN_FLIGHT);
            inFlight.release(MAX_IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
