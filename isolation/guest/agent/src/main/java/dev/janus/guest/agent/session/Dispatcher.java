package dev.janus.guest.agent.session;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.ProtocolException;
import dev.janus.guest.protocol.codec.RecordCodec;
import dev.janus.guest.protocol.ops.ErrorKind;
import dev.janus.guest.protocol.ops.ErrorReply;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each request with the handler registered for its operation, each on its own virtual
 * thread (HELLO inline, so the session is greeted before the next frame is read), and answers
 * with RESPONSE or ERROR. An undecodable payload fails only its request (INVALID_ARGUMENT).
 */
public final class Dispatcher {

    /** Serves one operation. Throws AgentException for failures the host should see by kind. */
    @FunctionalInterface
    public interface Handler<Q extends Record, R extends Record> {
        R handle(Q request, AgentSession session);
    }

    private final Map<Op, Handler<Record, Record>> handlers = new EnumMap<>(Op.class);
    private final Map<Op, Runnable> afterReply = new EnumMap<>(Op.class);

    public <Q extends Record, R extends Record> void register(Op op, Class<Q> requestType, Handler<Q, R> handler) {
        if (op.requestType() != requestType) {
            throw new IllegalArgumentException(op + " takes " + op.requestType().getSimpleName());
        }
        handlers.put(op, (request, session) -> handler.handle(requestType.cast(request), session));
    }

    /** {@code action} runs once a successful reply to {@code op} has been sent (SHUTDOWN: exit). */
    public void afterReply(Op op, Runnable action) {
        afterReply.put(op, action);
    }

    void dispatch(Frame frame, AgentSession session) {
        Optional<Op> known = Op.ofCode(frame.op());
        if (known.isEmpty() || !handlers.containsKey(known.get())) {
            reply(session, error(frame, ErrorKind.UNIMPLEMENTED, "operation " + frame.op() + " is not known to this agent"));
            return;
        }
        Op op = known.get();
        if (op != Op.HELLO && !session.greeted()) {
            reply(session, error(frame, ErrorKind.FAILED_PRECONDITION, "send HELLO first"));
            return;
        }
        if (op == Op.HELLO) {
            serve(op, frame, session);
        } else {
            Thread.ofVirtual().name("op-" + op).start(() -> serve(op, frame, session));
        }
    }

    private void serve(Op op, Frame frame, AgentSession session) {
        Frame answer;
        boolean ok = false;
        long started = System.nanoTime();
        try {
            Record request = RecordCodec.decode(op.requestType(), frame.payload());
            Record result = handlers.get(op).handle(request, session);
            answer = Frame.response(op.code(), frame.id(), RecordCodec.encode(result));
            ok = true;
        } catch (ProtocolException e) {
            answer = error(frame, ErrorKind.INVALID_ARGUMENT, e.getMessage());
        } catch (AgentException e) {
            answer = error(frame, e.kind(), e.getMessage());
        } catch (RuntimeException e) {
            Log.error(op + " failed", e);
            answer = error(frame, ErrorKind.INTERNAL, op + " failed: " + e);
        }
        Log.debug("%s #%d %s in %d ms", op, frame.id(), ok ? "ok" : "failed", (System.nanoTime() - started) / 1_000_000);
        reply(session, answer);
        Runnable after = afterReply.get(op);
        if (ok && after != null) {
            after.run();
        }
    }

    private static Frame error(Frame request, ErrorKind kind, String message) {
        return Frame.error(request.op(), request.id(), RecordCodec.encode(new ErrorReply(kind, message)));
    }

    private static void reply(AgentSession session, Frame answer) {
        try {
            session.endpoint().send(answer);
        } catch (IOException e) {
            Log.debug("reply #%d not sent: %s", answer.id(), e.getMessage());
        }
    }
}
