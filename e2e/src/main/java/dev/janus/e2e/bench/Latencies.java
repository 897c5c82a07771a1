package dev.janus.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Call latencies by name, in microseconds, with percentiles. */
final class Latencies {

    private final Map<String, List<Long>> samples = new LinkedHashMap<>();

    <T> T time(String call, Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        samples.computeIfAbsent(call, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1000);
        return result;
    }

    double percentileMillis(String call, double p) {
        List<Long> sorted = new ArrayList<>(samples.getOrDefault(call, List.of()));
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
    }

    Iterable<String> calls() {
        return samples.keySet();
    }
}
