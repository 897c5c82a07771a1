package dev.janus.guest.agent;

import dev.janus.guest.agent.link.HostLink;
import dev.janus.guest.agent.session.AgentSession;
import dev.janus.guest.agent.session.SessionLoop;
import dev.janus.guest.protocol.EventType;
import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.FrameReader;
import dev.janus.guest.protocol.FrameType;
import dev.janus.guest.protocol.FrameWriter;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.codec.RecordCodec;
import dev.janus.guest.protocol.ops.Hello;
import dev.janus.guest.protocol.ops.ListContainers;
import dev.janus.guest.protocol.ops.Ping;
import dev.janus.guest.protocol.stream.ByteChannelStreams;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Pipe;

/**
 * {@code --self-test}: the agent as it starts, serving HELLO, PING and LIST_CONTAINERS to a host
 * in this process over a pipe, and every message type through the codec; exit 0 if all
 * answered. For the image builder: proof the agent runs on the jlink'd runtime, and a training
 * run for a class-data archive ({@code -XX:ArchiveClassesAtExit}), which spares the guest's JVM
 * most of its class loading under emulation.
 */
final class SelfTest {

    private SelfTest() {
    }

    static void run(Agent agent) throws IOException {
        for (Op op : Op.values()) {
            roundTrip(op.requestType());
            roundTrip(op.replyType());
        }
        for (EventType event : EventType.values()) {
            roundTrip(event.type());
        }
        Pipe toAgent = Pipe.open();
        Pipe toHost = Pipe.open();
        HostLink link = link(ByteChannelStreams.in(toAgent.source()), ByteChannelStreams.out(toHost.sink()));
        Thread loop = Thread.ofPlatform().daemon().start(() -> {
            try {
                new SessionLoop(link, new FrameWriter(link.out()), agent::newSession).run();
            } catch (IOException e) {
                Log.warn("self-test session: %s", e.getMessage());
            }
        });
        FrameWriter host = new FrameWriter(ByteChannelStreams.out(toAgent.sink()));
        FrameReader replies = new FrameReader(new BufferedInputStream(ByteChannelStreams.in(toHost.source())));
        host.writePreamble();
        if (!replies.awaitPreamble()) {
            throw new IOException("no preamble from the agent");
        }
        ask(host, replies, Op.HELLO, 1, new Hello.Request(1, 1, 0, false, "self-test"));
        ask(host, replies, Op.PING, 2, new Ping.Request());
        ask(host, replies, Op.LIST_CONTAINERS, 3, new ListContainers.Request());
        toAgent.sink().close();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void roundTrip(Class<? extends Record> type) throws IOException {
        RecordCodec.decode(type, RecordCodec.encode(RecordCodec.decode(type, new byte[0])));
    }

    private static void ask(FrameWriter host, FrameReader replies, Op op, int id, Record request) throws IOException {
        host.write(Frame.request(op, id, RecordCodec.encode(request)), () -> true);
        Frame reply = replies.next();
        if (reply == null || reply.type() != FrameType.RESPONSE || reply.id() != id) {
            throw new IOException(op + " was not answered: " + reply);
        }
        RecordCodec.decode(op.replyType(), reply.payload());
    }

    private static HostLink link(InputStream in, OutputStream out) {
        return new HostLink() {
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
    }
}
