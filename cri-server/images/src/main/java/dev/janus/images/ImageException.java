package dev.janus.images;

import dev.janus.cri.errors.CriException;

/**
 * The one exception the image module throws: a {@link CriException} whose kind says which gRPC
 * status cri-server maps it to; the message names the operation and the reference or digest,
 * and says what to do.
 */
public final class ImageException extends CriException {

    public ImageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ImageException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /** The same failure with the operation and subject in front, e.g. "pull docker.io/library/x:1: ...". */
    public ImageException in(String operation, String subject) {
        ImageException wrapped = new ImageException(kind(), operation + " " + subject + ": " + getMessage(), getCause());
        wrapped.setStackTrace(getStackTrace());
        return wrapped;
    }

    public static ImageException notFound(String message) {
        return new ImageException(Kind.NOT_FOUND, message);
    }

    public static ImageException invalid(String message) {
        return new ImageException(Kind.INVALID_ARGUMENT, message);
    }

    public static ImageException unavailable(String message) {
        return new ImageException(Kind.UNAVAILABLE, message);
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
