package dev.janus.networking.hns;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.hns.documents.Queries;
import dev.janus.networking.hns.hcn.HcnKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a janusd that died left in HNS: every endpoint and namespace whose GUID carries
 * Janus's marker ({@link HcnIds}) but was not derived from a live sandbox id. Objects of other
 * software never carry the marker and are left alone. One failure does not stop the sweep.
 */
final class StaleSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StaleSweeper.class);

    private final HcnClient hcn;
    private final PodEndpoints endpoints;
    private final PodNamespaces namespaces;

    StaleSweeper(HcnClient hcn, PodEndpoints endpoints, PodNamespaces namespaces) {
        this.hcn = hcn;
        this.endpoints = endpoints;
        this.namespaces = namespaces;
    }

    SweepResult sweep(Set<String> liveSandboxIds) {
        Set<UUID> liveEndpoints = liveSandboxIds.stream().map(HcnIds::endpointFor).collect(Collectors.toSet());
        Set<UUID> liveNamespaces = liveSandboxIds.stream().map(HcnIds::namespaceFor).collect(Collectors.toSet());
        List<UUID> removedEndpoints = new ArrayList<>();
        List<UUID> removedNamespaces = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        // endpoints first: a namespace still holding one cannot be deleted
        for (UUID id : stale(HcnKind.ENDPOINT, liveEndpoints)) {
            String subject = "stale endpoint " + id;
            attempt(subject, failures, () -> {
                hcn.endpoint(id, subject).ifPresent(endpoint -> {
                    endpoints.remove(endpoint, id, subject);
                    removedEndpoints.add(id);
                });
            });
        }
        for (UUID id : stale(HcnKind.NAMESPACE, liveNamespaces)) {
            String subject = "stale namespace " + id;
            attempt(subject, failures, () -> {
                if (namespaces.remove(id, subject)) {
                    removedNamespaces.add(id);
                }
            });
        }
        if (!removedEndpoints.isEmpty() || !removedNamespaces.isEmpty() || !failures.isEmpty()) {
            LOG.info("HNS sweep removed {} endpoints and {} namespaces left by sandboxes janusd no longer"
                    + " knows; {} could not be removed", removedEndpoints.size(), removedNamespaces.size(), failures);
        }
        return new SweepResult(removedEndpoints, removedNamespaces, failures);
    }

    private List<UUID> stale(HcnKind kind, Set<UUID> live) {
        return hcn.ids(kind, Queries.all(), "the " + kind.noun() + "s of this host").stream()
                .filter(id -> kind == HcnKind.ENDPOINT ? HcnIds.isJanusEndpoint(id) : HcnIds.isJanusNamespace(id))
                .filter(id -> !live.contains(id))
                .toList();
    }

    private static void attempt(String subject, List<String> failures, Runnable removal) {
        try {
            removal.run();
        } catch (CriException e) {
            LOG.warn("cannot remove {}: {}", subject, e.getMessage());
            failures.add(subject + ": " + e.getMessage());
        }
    }
}
