package dev.janus.cri.streaming;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * Work waiting for a client connection to take writes again (its outbound buffer fell below the
 * low watermark): forwarded sockets that stopped reading because the client was slow. Event loop
 * only; the connection's handler calls {@link #changed} from {@code channelWritabilityChanged}.
 */
final class Writability {

    private final Channel channel;
    private final List<Runnable> waiting = new ArrayList<>();

    Writability(Channel channel) {
        this.channel = channel;
    }

    /** Runs {@code resume} once the connection is writable; at once if it is. */
    void whenWritable(Runnable resume) {
        if (channel.isWritable()) {
            resume.run();
        } else {
            waiting.add(resume);
        }
    }

    void changed() {
        if (channel.isWritable() && !waiting.isEmpty()) {
            List<Runnable> ready = new ArrayList<>(waiting);
            waiting.clear();
            ready.forEach(Runnable::run);
        }
    }
}
