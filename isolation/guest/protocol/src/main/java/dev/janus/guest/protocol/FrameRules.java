package dev.janus.guest.protocol;

/** Per-type checks on a decoded frame header (PROTOCOL.md, "Frame types"). */
final class FrameRules {

    private FrameRules() {
    }

    static void check(Frame frame) throws ProtocolException {
        switch (frame.type()) {
            case REQUEST, RESPONSE, ERROR -> {
                requireId(frame);
                if (frame.op() == 0) {
                    throw new ProtocolException(frame.type() + " without an operation");
                }
            }
            case EVENT -> {
                if (frame.op() == 0) {
                    throw new ProtocolException("EVENT without an event code");
                }
            }
            case DATA -> {
                requireStream(frame);
                if (frame.payload().length == 0) {
                    throw new ProtocolException("empty DATA on stream " + frame.id());
                }
            }
            case CLOSE, CANCEL -> {
                requireStream(frame);
                requireEmpty(frame);
            }
            case WINDOW -> {
                requireStream(frame);
                if (frame.payload().length != 4 || frame.credit() <= 0) {
                    throw new ProtocolException("WINDOW needs a positive 4-byte credit");
                }
            }
            case SYNC -> throw new ProtocolException("SYNC is not a frame type");
        }
    }

    private static void requireId(Frame frame) throws ProtocolException {
        if (frame.id() == 0) {
            throw new ProtocolException(frame.type() + " with request id 0");
        }
    }

    private static void requireStream(Frame frame) throws ProtocolException {
        if (frame.id() == 0 || frame.op() != 0) {
            throw new ProtocolException(frame.type() + " needs a stream id and op 0");
        }
    }

    private static void requireEmpty(Frame frame) throws ProtocolException {
        if (frame.payload().length != 0) {
            throw new ProtocolException(frame.type() + " carries no payload");
        }
    }
}
