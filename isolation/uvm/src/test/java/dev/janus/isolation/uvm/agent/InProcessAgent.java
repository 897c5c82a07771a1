package dev.janus.isolation.uvm.agent;

import dev.janus.guest.agent.link.HostLink;
import dev.janus.guest.agent.session.AgentSession;
import dev.janus.guest.agent.session.Dispatcher;
import dev.janus.guest.agent.session.SessionLoop;
import dev.janus.guest.protocol.FrameWriter;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.ops.Hello;
import dev.janus.guest.protocol.stream.ByteChannelStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Pipe;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's real session loop and dispatcher in this JVM, over two pipes, with handlers a test
 * chooses: the client's protocol behaviour without a VM, root or runc.
 */
final class InProcessAgent implements AutoCloseable {

    final Dispatcher dispatcher = new Dispatcher();
    final Pipe toAgent;
    final Pipe toHost;
    private final AtomicLong sessions = new AtomicLong();
    private volatile long deafUntil;

    InProcessAgent() throws IOException {
        toAgent = Pipe.open();
        toHost = Pipe.open();
        dispatcher.register(Op.HELLO, Hello.Request.class, (q, s) -> {
            s.greet();
            return new Hello.Reply(1, "in-process", "test", s.number(), 1, 2, 3, 4, 5, 0, List.of());
        });
    }

    /** Drops what the host sends for a while, as a virtio-serial port does before the guest opens it. */
    InProcessAgent deafFor(long millis) {
        deafUntil = System.nanoTime() + millis * 1_000_000;
        return this;
    }

    InProcessAgent start() {
        InputStream raw = ByteChannelStreams.in(toAgent.source());
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (true) {
                    int n = raw.read(b, off, len);
                    if (n < 0 || System.nanoTime() >= deafUntil) {
                        return n;
                    }
                }
            }
        };
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

            public void close() throws IOException {
                toHost.sink().close();
            }
        };
        Thread.ofPlatform().daemon().name("in-process-agent").start(() -> {
            try {
                new SessionLoop(link, new FrameWriter(link.out()), w -> new AgentSession(sessions.incrementAndGet(), w, dispatcher)).run();
            } catch (IOException e) {
                // the host went away
            }
        });
        return this;
    }

    AgentClient connect(AgentClient.Options options) {
        return AgentClient.connect(toHost.source(), toAgent.sink(), () -> {
            toHost.source().close();
            toAgent.sink().close();
        }, options);
    }

    /** The agent's end of the channel goes away (the VM died). */
    @Override
    public void close() throws IOException {
        toHost.sink().close();
        toAgent.source().close();
    }
}
