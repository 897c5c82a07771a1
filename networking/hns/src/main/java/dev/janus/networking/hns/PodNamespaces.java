package dev.janus.networking.hns;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.hns.documents.NamespaceDocuments;
import dev.janus.networking.hns.hcn.HcnKind;
import dev.janus.networking.hns.schema.HcnResponses;
import dev.janus.networking.hns.schema.HostComputeNamespace;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's HCN namespace, under the GUID {@link HcnIds} derives from the sandbox id: making it
 * again finds the one already there, and removing one that is gone is done.
 */
final class PodNamespaces {

    private static final Logger LOG = LoggerFactory.getLogger(PodNamespaces.class);

    private final HcnClient hcn;

    PodNamespaces(HcnClient hcn) {
        this.hcn = hcn;
    }

    Path create(String sandboxId) {
        UUID id = HcnIds.namespaceFor(sandboxId);
        String subject = subject(id, sandboxId);
        if (hcn.namespace(id, subject).isEmpty()) {
            HostComputeNamespace created = hcn.createNamespace(id, NamespaceDocuments.namespace(), subject);
            requireRequestedId(id, created, subject);
            LOG.debug("created HCN namespace {} (compartment {}) for sandbox {}", id, created.namespaceId(), sandboxId);
        }
        return NamespaceToken.of(id);
    }

    boolean exists(UUID id, String sandboxId) {
        return hcn.namespace(id, subject(id, sandboxId)).isPresent();
    }

    void remove(String sandboxId) {
        UUID id = HcnIds.namespaceFor(sandboxId);
        remove(id, subject(id, sandboxId));
    }

    /**
     * Takes out whatever endpoints are still in the namespace (Janus's are deleted, others only
     * taken out), then deletes it; HNS refuses to delete a namespace that holds endpoints.
     */
    boolean remove(UUID id, String subject) {
        Optional<HostComputeNamespace> namespace = hcn.namespace(id, subject);
        if (namespace.isEmpty()) {
            return false;
        }
        for (String endpoint : namespace.get().endpointIds()) {
            UUID endpointId = HcnResponses.guid(endpoint);
            hcn.removeFromNamespace(id, endpointId, subject);
            if (HcnIds.isJanusEndpoint(endpointId)) {
                hcn.delete(HcnKind.ENDPOINT, endpointId, "endpoint " + endpointId + " in " + subject);
            }
        }
        return hcn.delete(HcnKind.NAMESPACE, id, subject);
    }

    static String subject(UUID id, String sandboxId) {
        return "namespace " + id + " of sandbox " + sandboxId;
    }

    /** Finding the namespace after a restart rests on HNS keeping the id Janus asked for. */
    private void requireRequestedId(UUID requested, HostComputeNamespace created, String subject) {
        UUID got = HcnResponses.guid(created.id());
        if (!got.equals(requested)) {
            hcn.delete(HcnKind.NAMESPACE, got, subject);
            throw CriException.internal("HNS created " + subject + " as " + got + " instead of the requested"
                    + " id; Janus relies on requested ids to find its namespaces after a restart", null);
        }
    }
}
