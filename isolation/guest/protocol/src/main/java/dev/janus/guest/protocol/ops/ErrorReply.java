package dev.janus.guest.protocol.ops;

/** The payload of an ERROR frame. */
public record ErrorReply(ErrorKind kind, String message) {
}
