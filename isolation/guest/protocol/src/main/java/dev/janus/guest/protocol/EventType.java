package dev.janus.guest.protocol;

import dev.janus.guest.protocol.ops.Exited;
import java.util.Optional;

/** Events the agent sends unasked. A receiver ignores codes it does not know. */
public enum EventType {
    EXITED(1, Exited.class);

    private final int code;
    private final Class<? extends Record> type;

    EventType(int code, Class<? extends Record> type) {
        this.code = code;
        this.type = type;
    }

    public int code() {
        return code;
    }

    public Class<? extends Record> type() {
        return type;
    }

    public static Optional<EventType> ofCode(int code) {
        for (EventType event : values()) {
            if (event.code == code) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
