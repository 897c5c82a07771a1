package dev.janus.guest.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.guest.agent.link.HostLink;
import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.FrameReader;
import dev.janus.guest.protocol.FrameType;
import dev.janus.guest.protocol.FrameWriter;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.Protocol;
import dev.janus.guest.protocol.codec.RecordCodec;
import dev.janus.guest.protocol.ops.ErrorKind;
import dev.janus.guest.protocol.ops.ErrorReply;
import dev.janus.guest.protocol.ops.Hello;
import dev.janus.guest.protocol.ops.Ping;
import dev.janus.guest.protocol.ops.SyncTime;
import dev.janus.guest.protocol.stream.ByteChannelStreams;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Pipe;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The agent's side of sessions: HELLO first, errors per request, resync at a new preamble. */
@Timeout(30)
class SessionLoopTest {

    private final Pipe toAgent = Pipe.open();
    private final Pipe toHost = Pipe.open();
    private final FrameWriter host = new FrameWriter(ByteChannelStreams.out(toAgent.sink()));
    private final OutputStream raw = ByteChannelStreams.out(toAgent.sink());
    private final FrameReader fromAgent = new FrameReader(new BufferedInputStream(ByteChannelStreams.in(toHost.source())));
    private final AtomicLong sessions = new AtomicLong();

    SessionLoopTest() throws IOException {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.register(Op.HELLO, Hello.Request.class, (q, s) -> {
            s.greet();
            return new Hello.Reply(1, "test", "", s.number(), 0, 0, 0, 0, 0, 0, List.of());
        });
        dispatcher.register(Op.PING, Ping.Request.class, (q, s) -> new Ping.Reply(1, 2));
        dispatcher.register(Op.SYNC_TIME, SyncTime.Request.class, (q, s) -> new SyncTime.Reply(0));
        InputStream in = ByteChannelStreams.in(toAgent.source());
        OutputStream out = ByteChannelStreams.out(toHost.sink());
        HostLink link = new HostLink() {
            public InputStream in() {
                return in;
            }

            public OutputStream out() {
                return out;
            }

            public boolean outlivesSession() {
                return false;
            }

            public void close() {
            }
        };
        Thread.ofPlatform().daemon().start(() -> {
            try {
                new SessionLoop(link, new FrameWriter(link.out()), w -> new AgentSession(sessions.incrementAndGet(), w, dispatcher)).run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void helloFirstThenRequestsAndErrorsPerRequest() throws Exception {
        raw.write(new byte[] {1, 2, 3, 4, 5});
        host.writePreamble();
        assertTrue(fromAgent.awaitPreamble());

        send(Op.PING, 1, new Ping.Request());
        assertError(1, ErrorKind.FAILED_PRECONDITION);
        hello(2);
        send(Op.PING, 3, new Ping.Request());
        Frame pong = fromAgent.next();
        assertEquals(FrameType.RESPONSE, pong.type());
        assertEquals(new Ping.Reply(1, 2), RecordCodec.decode(Ping.Reply.class, pong.payload()));

        host.write(new Frame(FrameType.REQUEST, 0, 999, 4, new byte[0]), () -> true);
        assertError(4, ErrorKind.UNIMPLEMENTED);
        host.write(new Frame(FrameType.REQUEST, 0, Op.SYNC_TIME.code(), 5, new byte[] {1, 2, 3}), () -> true);
        assertError(5, ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void aBrokenFrameEndsTheSessionAndAPreambleBeginsTheNext() throws Exception {
        host.writePreamble();
        assertTrue(fromAgent.awaitPreamble());
        hello(1);
        byte[] broken = FrameWriter.encode(Frame.close(7));
        broken[4] = 77;
        raw.write(broken);
        raw.write(new byte[] {9, 9, 9});
        host.writePreamble();
        assertSame(Frame.SYNC, fromAgent.next());
        send(Op.PING, 2, new Ping.Request());
        assertError(2, ErrorKind.FAILED_PRECONDITION);
        assertEquals(2, hello(3).session());

        // a preamble between frames: the host began again without the agent seeing it leave
        host.writePreamble();
        assertSame(Frame.SYNC, fromAgent.next());
        assertEquals(3, hello(4).session());
        assertEquals(Protocol.MAX_VERSION, hello(5).version());
    }

    private Hello.Reply hello(int id) throws Exception {
        send(Op.HELLO, id, new Hello.Request(1, 1, 0, false, "test"));
        Frame reply = fromAgent.next();
        assertEquals(FrameType.RESPONSE, reply.type(), reply::toString);
        assertEquals(id, reply.id());
        return RecordCodec.decode(Hello.Reply.class, reply.payload());
    }

    private void send(Op op, int id, Record request) throws IOException {
        host.write(Frame.request(op, id, RecordCodec.encode(request)), () -> true);
    }

    private void assertError(int id, ErrorKind kind) throws Exception {
        Frame frame = fromAgent.next();
        assertEquals(FrameType.ERROR, frame.type(), frame::toString);
        assertEquals(id, frame.id());
        assertEquals(kind, RecordCodec.decode(ErrorReply.class, frame.payload()).kind());
    }
}
