package dev.janus.cri.events;

import dev.janus.cri.api.ContainerEventResponse;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans container lifecycle events out to every GetContainerEvents stream (kubelet's evented
 * PLEG). A slow subscriber never blocks the verb that published.
 */
public final class ContainerEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerEvents.class);

    private final CopyOnWriteArrayList<Consumer<ContainerEventResponse>> subscribers =
            new CopyOnWriteArrayList<>();

    public Runnable subscribe(Consumer<ContainerEventResponse> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(ContainerEventResponse event) {
        for (Consumer<ContainerEventResponse> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("dropping an event subscriber that failed: {}", e.toString());
                subscribers.remove(subscriber);
            }
        }
    }
}
