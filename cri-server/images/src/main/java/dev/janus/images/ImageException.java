package dev.janus.images;

/**
 * The one exception the image module throws. {@link Kind} says which gRPC status cri-server maps
 * it to; the message names the operation and the reference or digest, and says what to do.
 */
public final class ImageException extends RuntimeException {

    /** Mirrors the gRPC codes cri-server needs; mapped once, in its error interceptor. */
    public enum Kind {
        NOT_FOUND,
        INVALID_ARGUMENT,
        UNAUTHENTICATED,
        PERMISSION_DENIED,
        UNAVAILABLE,
        FAILED_PRECONDITION,
        RESOURCE_EXHAUSTED,
        INTERNAL
    }

    private final Kind kind;

    public ImageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ImageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The same failure with the operation and subject in front, e.g. "pull docker.io/library/x:1: ...". */
    public ImageException in(String operation, String subject) {
        ImageException wrapped = new ImageException(kind, operation + " " + subject + ": " + getMessage(), getCause());
        wrapped.setStackTrace(getStackTrace());
        return wrapped;
    }

    public static ImageException notFound(String message) {
        return new ImageException(Kind.NOT_FOUND, message);
    }

    public static ImageException invalid(String message) {
        return new ImageException(Kind.INVALID_ARGUMENT, message);
    }

    public static ImageException unavailable(String message, Throwable cause) {
        return new ImageException(Kind.UNAVAILABLE, message, cause);
    }

    public static ImageException precondition(String message) {
        return new ImageException(Kind.FAILED_PRECONDITION, message);
    }

    public static ImageException internal(String message, Throwable cause) {
        return new ImageException(Kind.INTERNAL, message, cause);
    }
}
