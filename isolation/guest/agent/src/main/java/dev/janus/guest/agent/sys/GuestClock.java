package dev.janus.guest.agent.sys;

import dev.janus.guest.agent.Log;
import java.time.Duration;
import java.time.Instant;

/**
 * Sets the guest's clock from the host's. A VM's clock starts wherever its virtual RTC says and
 * drifts under emulation; certificates, logs and kubelet's timestamps need it right. busybox
 * {@code date -s @SECONDS} takes whole seconds, so it runs at a second boundary: the error is
 * the command's own latency. (clock_settime through java.lang.foreign would be exact, but its
 * first call costs seconds of CPU under emulation, on the pod's start path.)
 */
public final class GuestClock {

    private final boolean enabled;
    private final Busybox busybox;

    public GuestClock(boolean enabled, Busybox busybox) {
        this.enabled = enabled;
        this.busybox = busybox;
    }

    /**
     * @param hostUnixNanos the host's time when it sent the request
     * @param receivedNanoTime {@link System#nanoTime()} when the request arrived
     * @return guest minus host, before setting
     */
    public long sync(long hostUnixNanos, long receivedNanoTime) {
        long offset = nowNanos() - (hostUnixNanos + (System.nanoTime() - receivedNanoTime));
        if (!enabled || hostUnixNanos <= 0) {
            return offset;
        }
        try {
            setWithDate(hostUnixNanos, receivedNanoTime);
            Log.info("clock set from the host (it was %+d ms off)", offset / 1_000_000);
        } catch (RuntimeException e) {
            Log.warn("cannot set the clock: %s", e.getMessage());
        }
        return offset;
    }

    private void setWithDate(long hostUnixNanos, long receivedNanoTime) {
        long target = hostUnixNanos + (System.nanoTime() - receivedNanoTime);
        long toNextSecond = 1_000_000_000L - Math.floorMod(target, 1_000_000_000L);
        try {
            Thread.sleep(Duration.ofNanos(toNextSecond));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // the host's time now, rounded to the nearest second: the sleep ended near a boundary
        long now = hostUnixNanos + (System.nanoTime() - receivedNanoTime);
        long seconds = Math.floorDiv(now + 500_000_000L, 1_000_000_000L);
        Command.check(Duration.ofSeconds(5), busybox.argv("date", "-u", "-s", "@" + seconds));
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
