package dev.janus.guest.agent;

import dev.janus.guest.agent.sys.ProcInfo;

/**
 * How long the agent took to be ready and what it weighs then: logged at start and sent in the
 * HELLO reply, because under emulation the JVM's start is a large part of a pod's start.
 *
 * @param jvmStartToReadyMillis from the JVM's process start to ready (10 ms resolution)
 * @param uptimeAtReadyMillis the guest's uptime then, so boot and JVM start can be told apart
 */
public record StartupMetrics(long jvmStartToReadyMillis, long uptimeAtReadyMillis, long rssAtReadyBytes) {

    public static StartupMetrics now() {
        long uptime = ProcInfo.uptimeMillis();
        long started = ProcInfo.processStartMillis();
        long toReady = uptime >= 0 && started >= 0 ? uptime - started : -1;
        return new StartupMetrics(toReady, uptime, ProcInfo.rssBytes());
    }

    @Override
    public String toString() {
        return String.format("ready %d ms after the JVM started, guest uptime %.2f s, RSS %.1f MiB",
                jvmStartToReadyMillis, uptimeAtReadyMillis / 1000.0, rssAtReadyBytes / 1048576.0);
    }
}
