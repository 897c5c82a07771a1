package dev.janus.guest.protocol.ops;

import java.util.List;

/** HELLO (1): the first request of every session; picks the version, syncs the clock. */
public interface Hello {

    /**
     * @param hostTimeUnixNanos the host's clock when it sent this; the agent sets its clock from it
     *     when {@code syncClock}
     * @param hostName who is calling, for the agent's log
     */
    record Request(int minVersion, int maxVersion, long hostTimeUnixNanos, boolean syncClock, String hostName) {
    }

    /**
     * @param session sessions this agent has begun, this one included (1 for the first host)
     * @param jvmStartToReadyMillis from the JVM's start to the agent ready to serve
     * @param uptimeAtReadyMillis the guest's uptime (/proc/uptime) at that moment
     * @param rssAtReadyBytes the agent's resident set then; {@code rssBytes} is now
     * @param containers containers the agent holds: more than 0 means a host reconnected
     */
    record Reply(int version, String agentVersion, String kernelRelease, long session,
            long jvmStartToReadyMillis, long uptimeAtReadyMillis, long rssAtReadyBytes, long uptimeMillis,
            long rssBytes, int containers, List<String> features) {
    }
}
