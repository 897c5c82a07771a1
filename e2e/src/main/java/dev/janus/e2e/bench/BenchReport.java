package dev.janus.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

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
            System.out.printf("  host cost: QEMU RSS %d MiB once the container started, %d MiB 20 s later;"
                    + " QEMU CPU while idle %d millicores%n",
                    median(runs, r -> r.qemuRssKbStarted() / 1024), median(runs, r -> r.qemuRssKbSettled() / 1024),
                    median(runs, PodStart::qemuIdleMillicores));
            System.out.printf("  guest agent RSS (its HELLO): %d MiB when ready, %d MiB at the handshake%n",
                    median(runs, r -> r.agentRssAtReadyBytes() >> 20), median(runs, r -> r.agentRssBytes() >> 20));
        }
    }

    private static long median(List<PodStart> runs, ToLongFunction<PodStart> value) {
        List<Long> sorted = new ArrayList<>(runs.stream().map(value::applyAsLong).toList());
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
