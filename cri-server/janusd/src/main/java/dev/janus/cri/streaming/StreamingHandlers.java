package dev.janus.cri.streaming;

import dev.janus.cri.CriContext;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.RuntimeHandler;

/** The handler an object was created with, if it can stream; the RPCs fail up front if not. */
final class StreamingHandlers {

    private StreamingHandlers() {
    }

    static RuntimeHandler of(CriContext cri, String handlerName, String what) {
        RuntimeHandler handler = cri.handlers().byName(handlerName);
        if (handler == null) {
            throw CriException.precondition("runtime handler \"%s\" of %s is no longer configured", handlerName, what);
        }
        if (!handler.supportsStreaming()) {
            throw new CriException(CriException.Kind.UNIMPLEMENTED,
                    "runtime handler \"" + handlerName + "\" does not support exec, attach or port-forward yet");
        }
        return handler;
    }
}
