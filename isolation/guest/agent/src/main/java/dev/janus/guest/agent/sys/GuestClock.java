package dev.janus.guest.agent.sys;

import dev.janus.guest.agent.Log;
import java.time.Duration;
import java.time.Instant;

/**
 * Sets the guest's clock from the host's. A VM's clock starts wherever its virtual RTC says and
 * drifts under emulation; certificates, logs and kubelet's timestamps need it right.
 * clock_settime when java.lang.foreign is there, else busybox {@code date -s @SECONDS} (whole
 * seconds, set at a second boundary so the error stays under the command's own latency).
 */
public final class GuestClock {

    private final boolean enabled;
    private final NativeOps natives;
    private final Busybox busybox;

    public GuestClock(boolean enabled, NativeOps natives, Busybox busybox) {
        this.enabled = enabled;
        this.natives = natives;
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
            if (natives.available()) {
                natives.setClock(hostUnixNanos + (System.nanoTime() - receivedNanoTime));
            } else {
                setWithDate(hostUnixNanos, receivedNanoTime);
            }
            Log.info("clock set from the host (it was %+d ms off)", offset / 1_000_000);
        } catch (java.io.IOException | RuntimeException e) {
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
        long seconds = Math.floorDiv(target + toNextSecond, 1_000_000_000L);
        Command.check(Duration.ofSeconds(5), busybox.argv("date", "-u", "-s", "@" + seconds));
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
