package dev.janus.cri.errors;

/**
 * The one error type every Janus module throws for a failure a CRI client should see. The kind
 * decides the gRPC status code (one interceptor in janusd maps it); the message says what failed
 * and on which object, in words an operator can act on.
 */
public class CriException extends RuntimeException {

    /** Failure kinds, named after the gRPC codes they become. */
    public enum Kind {
        INVALID_ARGUMENT,
        NOT_FOUND,
        ALREADY_EXISTS,
        FAILED_PRECONDITION,
        DEADLINE_EXCEEDED,
        RESOURCE_EXHAUSTED,
        UNAVAILABLE,
        UNIMPLEMENTED,
        UNAUTHENTICATED,
        PERMISSION_DENIED,
        INTERNAL
    }

    private final Kind kind;

    public CriException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CriException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static CriException invalid(String format, Object... args) {
        return new CriException(Kind.INVALID_ARGUMENT, String.format(format, args));
    }

    public static CriException notFound(String format, Object... args) {
        return new CriException(Kind.NOT_FOUND, String.format(format, args));
    }

    public static CriException alreadyExists(String format, Object... args) {
        return new CriException(Kind.ALREADY_EXISTS, String.format(format, args));
    }

    public static CriException precondition(String format, Object... args) {
        return new CriException(Kind.FAILED_PRECONDITION, String.format(format, args));
    }

    public static CriException unavailable(String format, Object... args) {
        return new CriException(Kind.UNAVAILABLE, String.format(format, args));
    }

    public static CriException internal(String message, Throwable cause) {
        return new CriException(Kind.INTERNAL, message, cause);
    }
}
