package dev.janus.guest.agent;

import dev.janus.guest.agent.sys.ProcInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the agent took to be ready and what it weighs then: logged at start and sent in the
 * HELLO reply, because under emulation the JVM's start is a large part of a pod's start.
 *
 * @param jvmStartToReadyMillis from the JVM's process start (its /proc start time) to ready
 * @param uptimeAtReadyMillis the guest's uptime then, so boot and JVM start can be told apart
 */
public record StartupMetrics(long jvmStartToReadyMillis, long uptimeAtReadyMillis, long rssAtReadyBytes) {

    public static StartupMetrics now() {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        long toReady = Duration.between(started, Instant.now()).toMillis();
        return new StartupMetrics(toReady, ProcInfo.uptimeMillis(), ProcInfo.rssBytes());
    }

    @Override
    public String toString() {
        return String.format("ready %d ms after the JVM started, guest uptime %.2f s, RSS %.1f MiB",
                jvmStartToReadyMillis, uptimeAtReadyMillis / 1000.0, rssAtReadyBytes / 1048576.0);
    }
}
