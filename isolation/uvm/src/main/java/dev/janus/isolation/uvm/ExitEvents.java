package dev.janus.isolation.uvm;

import dev.janus.isolation.ExitEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** janusd's exit listeners; each exit is told once, after the handler recorded it. */
final class ExitEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ExitEvents.class);

    private final List<Consumer<ExitEvent>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<ExitEvent> listener) {
        listeners.add(listener);
    }

    void fire(String id, int exitCode, Instant at) {
        ExitEvent event = new ExitEvent(id, exitCode, at == null ? Instant.now() : at);
        for (Consumer<ExitEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("exit listener failed for {}: {}", id, e.toString());
            }
        }
    }
}
