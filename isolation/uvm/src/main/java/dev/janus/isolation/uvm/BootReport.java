package dev.janus.isolation.uvm;

import dev.janus.guest.protocol.ops.Hello;
import dev.janus.isolation.uvm.vm.BootTiming;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a pod's VM came up, written to {@code <vm dir>/boot.json} and logged: the boot phases in
 * milliseconds since the hypervisor process started, what ran the guest, and what the guest
 * agent costs. Benchmarks read it (e2e VmPodStartBenchmark); RuntimeClass overhead comes from it.
 *
 * @param accel {@code kvm} or {@code tcg} (QEMU), {@code hyper-v} (HCS), and why
 * @param processStartedEpochMillis when the hypervisor process started (wall clock), to line the
 *     phases up with a caller's own clock
 * @param phasesMillis VM process started (0), first console output, init started, agent started,
 *     agent ready (channel open), agent connected (HELLO answered), guest configured
 * @param agentRssAtReadyBytes the agent's resident set when it was ready; {@code agentRssBytes}
 *     at the handshake
 */
record BootReport(String sandboxId, String vmHost, String accel, String accelReason, long hypervisorPid,
        long processStartedEpochMillis, int memoryMib, int vcpus, Map<String, Long> phasesMillis,
        String kernelRelease, long agentRssAtReadyBytes, long agentRssBytes, long agentJvmStartToReadyMillis,
        long guestUptimeAtReadyMillis) {

    static BootReport of(PodVm pod, String vmHost, String accel, String accelReason, BootTiming timing,
            Instant connected, Instant configured, Hello.Reply hello) {
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("vm process started", 0L);
        timing.sinceStart().forEach((step, d) -> phases.put(step, d.toMillis()));
        if (timing.processStarted() != null) {
            phases.put("agent connected", Duration.between(timing.processStarted(), connected).toMillis());
            phases.put("guest configured", Duration.between(timing.processStarted(), configured).toMillis());
        }
        SandboxFile sandbox = pod.sandbox();
        long started = timing.processStarted() == null ? 0 : timing.processStarted().toEpochMilli();
        return new BootReport(sandbox.id(), vmHost, accel, accelReason, pod.vm().pid().orElse(0), started,
                sandbox.memoryMib(), sandbox.vcpus(), phases, hello.kernelRelease(), hello.rssAtReadyBytes(),
                hello.rssBytes(), hello.jvmStartToReadyMillis(), hello.uptimeAtReadyMillis());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("VM of sandbox ").append(VmDirs.shortId(sandboxId)).append(" up (")
                .append(vmHost).append('/').append(accel).append("):");
        phasesMillis.forEach((step, ms) -> text.append(' ').append(step).append(' ').append(ms).append(" ms,"));
        return text.append(" agent RSS ").append(agentRssBytes >> 20).append(" MiB").toString();
    }
}
