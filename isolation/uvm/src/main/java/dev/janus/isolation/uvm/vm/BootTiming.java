package dev.janus.isolation.uvm.vm;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a VM reached each step of its boot, as the host saw it (wall clock). A step not reached
 * yet, or not observable (a VM re-attached after a janusd restart), is null.
 *
 * @param processStarted the hypervisor process or compute system was started
 * @param firstConsoleOutput the first byte on the serial console (the kernel's banner)
 * @param initStarted /init printed {@code janus-init: start}
 * @param agentStarted /init printed {@code janus-init: exec agent}
 * @param agentReady the guest opened the agent channel (QEMU's VSERPORT_CHANGE; the hvsock
 *     connection under Hyper-V): from here janusd can talk to the agent
 */
public record BootTiming(Instant processStarted, Instant firstConsoleOutput, Instant initStarted,
        Instant agentStarted, Instant agentReady) {

    public static final BootTiming NONE = new BootTiming(null, null, null, null, null);

    public BootTiming withProcessStarted(Instant at) {
        return new BootTiming(at, firstConsoleOutput, initStarted, agentStarted, agentReady);
    }

    public BootTiming withFirstConsoleOutput(Instant at) {
        return firstConsoleOutput != null ? this
                : new BootTiming(processStarted, at, initStarted, agentStarted, agentReady);
    }

    public BootTiming withInitStarted(Instant at) {
        return new BootTiming(processStarted, firstConsoleOutput, at, agentStarted, agentReady);
    }

    public BootTiming withAgentStarted(Instant at) {
        return new BootTiming(processStarted, firstConsoleOutput, initStarted, at, agentReady);
    }

    public BootTiming withAgentReady(Instant at) {
        return agentReady != null ? this
                : new BootTiming(processStarted, firstConsoleOutput, initStarted, agentStarted, at);
    }

    /** Each reached step as time since the process started, in boot order (for benchmarks, logs). */
    public Map<String, Duration> sinceStart() {
        Map<String, Duration> phases = new LinkedHashMap<>();
        if (processStarted == null) {
            return phases;
        }
        put(phases, "first console output", firstConsoleOutput);
        put(phases, "init started", initStarted);
        put(phases, "agent started", agentStarted);
        put(phases, "agent ready", agentReady);
        return phases;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("boot");
        sinceStart().forEach((step, d) -> text.append(", ").append(step).append(' ')
                .append(d.toMillis()).append(" ms"));
        return text.toString();
    }

    private void put(Map<String, Duration> phases, String step, Instant at) {
        if (at != null) {
            phases.put(step, Duration.between(processStarted, at));
        }
    }
}
