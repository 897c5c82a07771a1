package dev.janus.cri.server;

import dev.janus.cri.errors.CriException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where a Janus failure becomes a gRPC status. */
public final class StatusMapping {

    private static final Logger LOG = LoggerFactory.getLogger(StatusMapping.class);

    private StatusMapping() {
    }

    public static StatusRuntimeException toStatus(String method, Throwable failure) {
        if (failure instanceof StatusRuntimeException sre) {
            return sre;
        }
        if (failure instanceof CriException cri) {
            if (cri.kind() == CriException.Kind.INTERNAL) {
                LOG.error("{} failed", method, cri);
            } else {
                LOG.debug("{}: {}", method, cri.getMessage());
            }
            return codeOf(cri.kind()).withDescription(cri.getMessage()).withCause(cri).asRuntimeException();
        }
        // a fault of janusd's own: the client gets the call and a reference, the log the details
        String reference = Long.toHexString(System.nanoTime() & 0xFFFFFFFFL);
        LOG.error("{} failed unexpectedly (reference {})", method, reference, failure);
        return Status.INTERNAL.withDescription(method + " failed on an internal error (reference " + reference
                + " in janusd's log)").withCause(failure).asRuntimeException();
    }

    static Status codeOf(CriException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case UNIMPLEMENTED -> Status.UNIMPLEMENTED;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case INTERNAL -> Status.INTERNAL;
        };
    }
}
