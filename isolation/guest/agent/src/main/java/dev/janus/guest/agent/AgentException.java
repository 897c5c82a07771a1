package dev.janus.guest.agent;

import dev.janus.guest.protocol.ops.ErrorKind;

/** A failed operation, with the kind the host maps to its CRI error; the message goes to the host. */
public final class AgentException extends RuntimeException {

    private final ErrorKind kind;

    public AgentException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AgentException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static AgentException invalid(String format, Object... args) {
        return new AgentException(ErrorKind.INVALID_ARGUMENT, String.format(format, args));
    }

    public static AgentException notFound(String format, Object... args) {
        return new AgentException(ErrorKind.NOT_FOUND, String.format(format, args));
    }

    public static AgentException exists(String format, Object... args) {
        return new AgentException(ErrorKind.ALREADY_EXISTS, String.format(format, args));
    }

    public static AgentException precondition(String format, Object... args) {
        return new AgentException(ErrorKind.FAILED_PRECONDITION, String.format(format, args));
    }

    public static AgentException unavailable(String format, Object... args) {
        return new AgentException(ErrorKind.UNAVAILABLE, String.format(format, args));
    }

    public static AgentException internal(String message, Throwable cause) {
        return new AgentException(ErrorKind.INTERNAL, message + ": " + cause.getMessage(), cause);
    }
}
