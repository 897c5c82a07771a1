package dev.janus.cri.streaming;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;

/**
 * Writes to a connection from any thread and flushes once per run of writes: each write runs as
 * a task on the event loop and, if no flush is due yet, queues one behind it; writes queued
 * before that flush runs ride on it. A fast pump so costs a few large socket writes instead of
 * one per chunk. (The flag lives on the event loop only: a flush decided on another thread could
 * run before the write it was meant for.)
 */
final class Flusher {

    private final Channel channel;
    private final Runnable flush;
    private boolean due;

    Flusher(Channel channel) {
        this.channel = channel;
        this.flush = () -> {
            due = false;
            channel.flush();
        };
    }

    /** Writes {@code message}; flushed soon after. */
    ChannelFuture write(Object message) {
        ChannelPromise promise = channel.newPromise();
        if (channel.eventLoop().inEventLoop()) {
            writeNow(message, promise);
        } else {
            channel.eventLoop().execute(() -> writeNow(message, promise));
        }
        return promise;
    }

    private void writeNow(Object message, ChannelPromise promise) {
        channel.write(message, promise);
        if (!due) {
            due = true;
            channel.eventLoop().execute(flush);
        }
    }
}
