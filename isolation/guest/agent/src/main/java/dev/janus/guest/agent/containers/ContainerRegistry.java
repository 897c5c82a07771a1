package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.AgentException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The containers the agent holds, by id. */
final class ContainerRegistry {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Map<String, GuestContainer> byId = new ConcurrentHashMap<>();

    static String checkId(String what, String id) {
        if (!ID.matcher(id).matches()) {
            throw AgentException.invalid("%s id %s: 1-128 of letters, digits, '_', '.', '-'", what, id);
        }
        return id;
    }

    void add(GuestContainer container) {
        if (byId.putIfAbsent(container.id, container) != null) {
            throw AgentException.exists("container %s already exists", container.id);
        }
    }

    GuestContainer get(String id) {
        GuestContainer container = byId.get(id);
        if (container == null) {
            throw AgentException.notFound("no container %s", id);
        }
        return container;
    }

    GuestContainer find(String id) {
        return byId.get(id);
    }

    void remove(GuestContainer container) {
        byId.remove(container.id, container);
    }

    Collection<GuestContainer> all() {
        return List.copyOf(byId.values());
    }

    boolean anyUses(String serial) {
        return byId.values().stream().anyMatch(c -> c.uses(serial));
    }
}
