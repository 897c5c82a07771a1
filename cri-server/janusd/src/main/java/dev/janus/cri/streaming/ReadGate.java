package dev.janus.cri.streaming;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops reading a client connection while any of its consumers (a process's stdin, a forwarded
 * socket) has too much queued, and reads again once none has: the client's sends then wait in
 * TCP. Coarse (one slow consumer pauses the connection's other streams) because neither SPDY as
 * spdystream speaks it nor WebSocket has per-stream flow control.
 */
final class ReadGate {

    private final Channel channel;
    private final Set<Object> holders = ConcurrentHashMap.newKeySet();

    ReadGate(Channel channel) {
        this.channel = channel;
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
        channel.eventLoop().execute(() -> channel.config().setAutoRead(holders.isEmpty()));
    }
}
