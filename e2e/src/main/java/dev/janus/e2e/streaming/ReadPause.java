package dev.janus.e2e.streaming;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Stops reading a connection while any of its inbound queues is too full. */
final class ReadPause {

    private final Set<Object> holders = ConcurrentHashMap.newKeySet();
    private volatile Channel channel;

    void bind(Channel bound) {
        this.channel = bound;
    }

    void hold(Object holder) {
        if (holders.add(holder)) {
            update();
        }
    }

    void release(Object holder) {
        if (holders.remove(holder)) {
            update();
        }
    }

    private void update() {
        Channel bound = channel;
        if (bound != null) {
            bound.eventLoop().execute(() -> bound.config().setAutoRead(holders.isEmpty()));
        }
    }
}
