package dev.janus.cri.streaming;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that carried no data either way for the idle timeout. Only data counts:
 * keep-alive pings (client-go sends them every few seconds) would keep a forgotten session open
 * forever.
 */
final class IdleTimeout {

    private static final Logger LOG = LoggerFactory.getLogger(IdleTimeout.class);

    private final long timeoutNanos;
    private volatile long lastActivity = System.nanoTime();

    private IdleTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    static IdleTimeout watch(Channel channel, Duration timeout) {
        IdleTimeout idle = new IdleTimeout(timeout);
        long period = Math.max(100, Math.min(timeout.toMillis() / 4, 30_000));
        ScheduledFuture<?> check = channel.eventLoop().scheduleAtFixedRate(() -> {
            if (System.nanoTime() - idle.lastActivity > idle.timeoutNanos) {
                LOG.info("closing streaming connection {}: idle for {}s", channel.remoteAddress(), timeout.toSeconds());
                channel.close();
            }
        }, period, period, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> check.cancel(false));
        return idle;
    }

    void touch() {
        lastActivity = System.nanoTime();
    }
}
