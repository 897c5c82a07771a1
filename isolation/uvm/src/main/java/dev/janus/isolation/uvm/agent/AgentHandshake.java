package dev.janus.isolation.uvm.agent;

import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.Protocol;
import dev.janus.guest.protocol.ops.Hello;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Preamble and HELLO, repeated every 2 s until the agent's own preamble comes back: on
 * virtio-serial, bytes sent before the guest opened its port are sometimes dropped, sometimes
 * held in QEMU's buffer (then every repetition arrives and begins a session: cheap). A longer
 * interval would add its length to a pod's start whenever they are dropped. Once the agent has
 * answered with its preamble nothing more is repeated; the first HELLO reply wins.
 *
 * <p>HELLO never sets the clock: a repeated HELLO can wait in QEMU's buffer and arrive seconds
 * late, its host time stale. SYNC_TIME follows the handshake instead, once the session is live.
 */
final class AgentHandshake {

    private static final Duration ATTEMPT = Duration.ofSeconds(2);

    private AgentHandshake() {
    }

    static Hello.Reply run(AgentConnection connection, AgentClient.Options options) {
        connection.start();
        long deadline = System.nanoTime() + options.handshakeTimeout().toNanos();
        CompletableFuture<Hello.Reply> answer = new CompletableFuture<>();
        try {
            do {
                connection.sendPreamble();
                connection.call(Op.HELLO, request(options), Hello.Reply.class, left(deadline))
                        .whenComplete((reply, failure) -> {
                            if (reply != null) {
                                answer.complete(reply);
                            } else if (AgentErrors.unwrap(failure).kind() != CriException.Kind.DEADLINE_EXCEEDED) {
                                answer.completeExceptionally(AgentErrors.unwrap(failure));
                            }
                        });
                awaitQuietly(connection.agentSynced(), min(ATTEMPT, left(deadline)));
            } while (!connection.agentSynced().isDone() && System.nanoTime() < deadline);
            Hello.Reply reply = answer.get(Math.max(1, left(deadline).toMillis()), TimeUnit.MILLISECONDS);
            if (reply.version() < Protocol.MIN_VERSION || reply.version() > Protocol.MAX_VERSION) {
                throw CriException.precondition("guest agent chose protocol version %d; janusd speaks %d..%d",
                        reply.version(), Protocol.MIN_VERSION, Protocol.MAX_VERSION);
            }
            return reply;
        } catch (TimeoutException e) {
            connection.close();
            throw CriException.unavailable("guest agent did not answer HELLO within %d ms",
                    options.handshakeTimeout().toMillis());
        } catch (IOException e) {
            connection.close();
            throw AgentErrors.gone("cannot send HELLO: " + e.getMessage(), e);
        } catch (ExecutionException | RuntimeException e) {
            connection.close();
            throw AgentErrors.unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
            throw CriException.unavailable("interrupted during the guest agent handshake");
        }
    }

    private static Hello.Request request(AgentClient.Options options) {
        return new Hello.Request(Protocol.MIN_VERSION, Protocol.MAX_VERSION, nowNanos(), false, options.hostName());
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void awaitQuietly(CompletableFuture<Void> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // not yet, or the channel died: the loop and the final wait tell which
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
