package dev.janus.isolation.uvm.agent;

import static dev.janus.isolation.uvm.agent.AgentClient.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import dev.janus.guest.agent.AgentException;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.Protocol;
import dev.janus.guest.protocol.ops.Ping;
import dev.janus.guest.protocol.ops.StartContainer;
import dev.janus.guest.protocol.ops.WaitContainer;
import dev.janus.guest.protocol.stream.OutboundStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AgentClientTest {

    private static final AgentClient.Options FAST = new AgentClient.Options("test", Duration.ofSeconds(10),
            Duration.ofSeconds(5), false, Duration.ZERO);

    @Test
    void handshakesAndServes() throws Exception {
        InProcessAgent agent = new InProcessAgent();
        agent.dispatcher.register(Op.PING, Ping.Request.class, (q, s) -> new Ping.Reply(42, 7));
        agent.start();
        try (AgentClient client = agent.connect(FAST)) {
            assertEquals(Protocol.MAX_VERSION, client.agent().version());
            assertEquals(1, client.agent().session());
            assertEquals(new Ping.Reply(42, 7), await(client.ping()));
        }
    }

    @Test
    void repeatsHelloUntilTheGuestListens() throws Exception {
        InProcessAgent agent = new InProcessAgent().deafFor(1000).start();
        try (AgentClient client = agent.connect(FAST)) {
            assertTrue(client.isOpen());
            assertEquals("in-process", client.agent().agentVersion());
        }
    }

    @Test
    void agentErrorsKeepTheirKind() throws Exception {
        InProcessAgent agent = new InProcessAgent();
        agent.dispatcher.register(Op.WAIT_CONTAINER, WaitContainer.Request.class, (q, s) -> {
            throw AgentException.notFound("no container %s", q.id());
        });
        agent.start();
        try (AgentClient client = agent.connect(FAST)) {
            CriException e = assertThrows(CriException.class, () -> await(client.waitContainer("c9", Duration.ZERO)));
            assertEquals(CriException.Kind.NOT_FOUND, e.kind());
            assertTrue(e.getMessage().contains("no container c9"), e.getMessage());
            CriException unknown = assertThrows(CriException.class, () -> await(client.ping()));
            assertEquals(CriException.Kind.UNIMPLEMENTED, unknown.kind());
        }
    }

    @Test
    void anUnansweredRequestTimesOut() throws Exception {
        InProcessAgent agent = new InProcessAgent();
        agent.dispatcher.register(Op.PING, Ping.Request.class, (q, s) -> {
            sleep(3000);
            return new Ping.Reply(0, 0);
        });
        agent.start();
        AgentClient.Options quick = new AgentClient.Options("test", Duration.ofSeconds(10), Duration.ofMillis(300),
                false, Duration.ZERO);
        try (AgentClient client = agent.connect(quick)) {
            CriException e = assertThrows(CriException.class, () -> await(client.ping()));
            assertEquals(CriException.Kind.DEADLINE_EXCEEDED, e.kind());
            assertTrue(client.isOpen(), "a slow answer is no dead channel");
        }
    }

    @Test
    void aDeadChannelFailsWhatIsPendingAndEverythingAfter() throws Exception {
        InProcessAgent agent = new InProcessAgent();
        agent.dispatcher.register(Op.PING, Ping.Request.class, (q, s) -> {
            sleep(10_000);
            return new Ping.Reply(0, 0);
        });
        agent.start();
        AgentClient client = agent.connect(FAST);
        var pending = client.ping();
        agent.close();
        client.closed().get(5, TimeUnit.SECONDS);
        assertFalse(client.isOpen());
        assertEquals(CriException.Kind.UNAVAILABLE, assertThrows(CriException.class, () -> await(pending)).kind());
        assertEquals(CriException.Kind.UNAVAILABLE, assertThrows(CriException.class, () -> await(client.ping())).kind());
    }

    @Test
    void keepAliveClosesAConnectionWhoseAgentHangs() throws Exception {
        InProcessAgent agent = new InProcessAgent();
        agent.dispatcher.register(Op.PING, Ping.Request.class, (q, s) -> {
            sleep(30_000);
            return new Ping.Reply(0, 0);
        });
        agent.start();
        AgentClient client = agent.connect(FAST.withKeepAlive(Duration.ofMillis(200)));
        client.closed().get(10, TimeUnit.SECONDS);
        assertFalse(client.isOpen());
    }

    @Test
    void containerOutputFlowsUnderFlowControl() throws Exception {
        byte[] output = new byte[3 << 20];
        new Random(3).nextBytes(output);
        InProcessAgent agent = new InProcessAgent();
        agent.dispatcher.register(Op.START_CONTAINER, StartContainer.Request.class, (q, s) -> {
            OutboundStream stdout = s.endpoint().openOutbound(q.stdio().stdout());
            Thread.ofVirtual().start(() -> {
                try (stdout) {
                    stdout.write(output);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            return new StartContainer.Reply(1234, 0);
        });
        agent.start();
        try (AgentClient client = agent.connect(FAST)) {
            ProcessStreams io = await(client.startContainer("c1", new StdioRequest(false, true, false, 0, 0)));
            assertEquals(1234, io.pid());
            Thread.sleep(300);
            assertTrue(io.stdout().available() <= Protocol.INITIAL_WINDOW, "the agent may not run ahead of the window");
            assertArrayEquals(output, io.stdout().readAllBytes());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
