package dev.janus.isolation.uvm.agent;

import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.ops.ErrorReply;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The agent's error kinds as CriExceptions, and the client's own failures (timeouts, a dead channel). */
final class AgentErrors {

    private AgentErrors() {
    }

    static CriException of(Op op, ErrorReply error) {
        CriException.Kind kind = switch (error.kind()) {
            case INVALID_ARGUMENT -> CriException.Kind.INVALID_ARGUMENT;
            case NOT_FOUND -> CriException.Kind.NOT_FOUND;
            case ALREADY_EXISTS -> CriException.Kind.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> CriException.Kind.FAILED_PRECONDITION;
            case DEADLINE_EXCEEDED -> CriException.Kind.DEADLINE_EXCEEDED;
            case RESOURCE_EXHAUSTED -> CriException.Kind.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> CriException.Kind.UNAVAILABLE;
            case UNIMPLEMENTED -> CriException.Kind.UNIMPLEMENTED;
            case PERMISSION_DENIED -> CriException.Kind.PERMISSION_DENIED;
            case INTERNAL, UNKNOWN -> CriException.Kind.INTERNAL;
        };
        return new CriException(kind, "guest agent " + op + ": " + error.message());
    }

    static CriException timeout(Op op, Duration timeout) {
        return new CriException(CriException.Kind.DEADLINE_EXCEEDED,
                "guest agent did not answer " + op + " within " + timeout.toMillis() + " ms");
    }

    static CriException gone(String why, Throwable cause) {
        return new CriException(CriException.Kind.UNAVAILABLE, "guest agent channel closed: " + why, cause);
    }

    /** The CriException inside what a future or join threw; any other failure as INTERNAL. */
    static CriException unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof CriException c ? c : CriException.internal("guest agent call failed", t);
    }
}
