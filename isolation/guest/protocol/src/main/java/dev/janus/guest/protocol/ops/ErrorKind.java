package dev.janus.guest.protocol.ops;

/**
 * Why an operation failed; named like the gRPC codes (and the host's CriException kinds) they
 * become. UNKNOWN is what a reader decodes from a kind it does not know.
 */
public enum ErrorKind {
    UNKNOWN,
    INVALID_ARGUMENT,
    NOT_FOUND,
    ALREADY_EXISTS,
    FAILED_PRECONDITION,
    DEADLINE_EXCEEDED,
    RESOURCE_EXHAUSTED,
    UNAVAILABLE,
    UNIMPLEMENTED,
    PERMISSION_DENIED,
    INTERNAL
}
