package dev.janus.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured pod start: the phases in milliseconds since RunPodSandbox was called, and for a VM
 * pod what the handler wrote to {@code boot.json} (its boot phases, accelerator, the guest
 * agent's memory), the QEMU process's resident set, and the CPU it uses while the pod idles.
 */
record PodStart(Map<String, Long> phases, String accel, String accelReason, long qemuRssKbStarted,
        long qemuRssKbSettled, long qemuIdleMillicores, long agentRssAtReadyBytes, long agentRssBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The VM's boot phases from boot.json, moved onto the caller's clock (RunPodSandbox called at {@code t0}). */
    static Map<String, Long> vmPhases(JsonNode boot, long t0EpochMillis) {
        Map<String, Long> phases = new LinkedHashMap<>();
        long offset = boot.path("processStartedEpochMillis").asLong() - t0EpochMillis;
        boot.path("phasesMillis").fields().forEachRemaining(e -> phases.put(e.getKey(), offset + e.getValue().asLong()));
        return phases;
    }

    static JsonNode readBoot(Path vmDir) throws IOException {
        return JSON.readTree(vmDir.resolve("boot.json").toFile());
    }

    static PodStart runc(Map<String, Long> phases) {
        return new PodStart(phases, "", "", 0, 0, 0, 0, 0);
    }
}
