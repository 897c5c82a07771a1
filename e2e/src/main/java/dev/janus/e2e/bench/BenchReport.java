package dev.janus.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Prints pod starts: each phase's median, min and max over the runs, and a VM pod's memory. */
final class BenchReport {

    private BenchReport() {
    }

    static void print(String handler, List<PodStart> runs) {
        PodStart first = runs.getFirst();
        System.out.printf("%n%s pod start%s, ms since RunPodSandbox was called, median [min-max] of %d:%n", handler,
                first.accel().isEmpty() ? "" : " (" + first.accel() + ")", runs.size());
        Set<String> phases = new LinkedHashSet<>();
        runs.forEach(r -> phases.addAll(r.phases().keySet()));
        for (String phase : phases) {
            List<Long> values = new ArrayList<>(runs.stream().map(r -> r.phases().get(phase))
                    .filter(v -> v != null).toList());
            Collections.sort(values);
            System.out.printf("  %-24s %7d  [%d-%d]%n", phase, values.get(values.size() / 2), values.getFirst(),
                    values.getLast());
        }
        if (!first.accel().isEmpty()) {
            System.out.printf("  memory: QEMU RSS %s MiB once the container started, %s MiB %d s later;"
                    + " guest agent RSS %s MiB when ready, %s MiB at the handshake%n",
                    median(runs.stream().map(r -> r.qemuRssKbStarted() / 1024).toList()),
                    median(runs.stream().map(r -> r.qemuRssKbSettled() / 1024).toList()), 20,
                    median(runs.stream().map(r -> r.agentRssAtReadyBytes() >> 20).toList()),
                    median(runs.stream().map(r -> r.agentRssBytes() >> 20).toList()));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
