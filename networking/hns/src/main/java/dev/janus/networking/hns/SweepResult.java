package dev.janus.networking.hns;

import java.util.List;
import java.util.UUID;

/**
 * What a sweep at start removed, and what it could not (the next start tries again).
 *
 * @param endpoints Janus endpoints of sandboxes janusd no longer knows, now deleted
 * @param namespaces Janus namespaces of such sandboxes, now deleted
 * @param failures one line per object that could not be removed
 */
public record SweepResult(List<UUID> endpoints, List<UUID> namespaces, List<String> failures) {

    public SweepResult {
        endpoints = List.copyOf(endpoints);
        namespaces = List.copyOf(namespaces);
        failures = List.copyOf(failures);
    }
}
