package dev.janus.networking.hns;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.PodNetworkRequest;
import dev.janus.networking.PodNetworkStatus;
import dev.janus.networking.hns.documents.EndpointDocuments;
import dev.janus.networking.hns.documents.EndpointInput;
import dev.janus.networking.hns.hcn.HcnKind;
import dev.janus.networking.hns.schema.HcnResponses;
import dev.janus.networking.hns.schema.HostComputeEndpoint;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's HNS endpoint: one per sandbox, under the GUID {@link HcnIds} derives, named
 * {@code janus-<sandbox id>}. The caller holds the sandbox's lock.
 *
 * <pre>
 *   attach:  endpoint on another network -> taken out and deleted
 *            no endpoint -> HcnCreateEndpoint (port maps, NAT, DNS)      fails -> nothing left
 *            not in the namespace -> HcnModifyNamespace Add               fails -> endpoint deleted
 *   detach:  HcnModifyNamespace Remove -> HcnDeleteEndpoint; each "not found" counts as done
 * </pre>
 */
final class PodEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(PodEndpoints.class);

    private final HcnClient hcn;

    PodEndpoints(HcnClient hcn) {
        this.hcn = hcn;
    }

    PodNetworkStatus attach(HnsNetworks.InUse network, UUID namespaceId, PodNetworkRequest request) {
        UUID id = HcnIds.endpointFor(request.sandboxId());
        String subject = "pod %s/%s on network %s".formatted(request.podNamespace(), request.podName(), network.name());
        Optional<HostComputeEndpoint> existing = hcn.endpoint(id, subject);
        if (existing.isPresent() && !onNetwork(existing.get(), network.id())) {
            LOG.info("endpoint {} of sandbox {} is on another network: replacing it", id, request.sandboxId());
            remove(existing.get(), id, subject);
            existing = Optional.empty();
        }
        HostComputeEndpoint endpoint = existing.orElseGet(() -> create(network, id, request, subject));
        try {
            join(endpoint, id, namespaceId, subject);
        } catch (RuntimeException e) {
            if (existing.isEmpty()) {
                hcn.delete(HcnKind.ENDPOINT, id, subject);
            }
            throw e;
        }
        PodNetworkStatus status = PodStatuses.of(endpoint, network.config());
        LOG.info("sandbox {} attached to HNS network {}: {}", request.sandboxId(), network.name(), status.ips());
        return status;
    }

    void detach(PodNetworkRequest request) {
        UUID id = HcnIds.endpointFor(request.sandboxId());
        String subject = "pod %s/%s (endpoint %s)".formatted(request.podNamespace(), request.podName(), id);
        hcn.endpoint(id, subject).ifPresent(endpoint -> remove(endpoint, id, subject));
    }

    /** Out of its namespace first: HNS keeps an endpoint that is still in one. */
    void remove(HostComputeEndpoint endpoint, UUID id, String subject) {
        namespaceOf(endpoint).ifPresent(ns -> hcn.removeFromNamespace(ns, id, subject));
        hcn.delete(HcnKind.ENDPOINT, id, subject);
    }

    private HostComputeEndpoint create(HnsNetworks.InUse network, UUID id, PodNetworkRequest request,
            String subject) {
        EndpointInput input = new EndpointInput(HcnIds.endpointName(request.sandboxId()),
                network.id().toString(), network.config(), request.portMappings(), request.dns());
        HostComputeEndpoint created = hcn.createEndpoint(network.id(), id, EndpointDocuments.endpoint(input), subject);
        UUID got = HcnResponses.guid(created.id());
        if (!got.equals(id)) {
            hcn.delete(HcnKind.ENDPOINT, got, subject);
            throw CriException.internal("HNS created the endpoint of " + subject + " as " + got + " instead of "
                    + id + "; Janus relies on requested ids to find its endpoints after a restart", null);
        }
        return created;
    }

    private void join(HostComputeEndpoint endpoint, UUID id, UUID namespaceId, String subject) {
        Optional<UUID> current = namespaceOf(endpoint);
        if (current.isPresent() && current.get().equals(namespaceId)) {
            return;
        }
        current.ifPresent(other -> hcn.removeFromNamespace(other, id, subject));
        hcn.addToNamespace(namespaceId, id, subject);
    }

    private static boolean onNetwork(HostComputeEndpoint endpoint, UUID networkId) {
        return endpoint.hostComputeNetwork() != null
                && HcnResponses.guid(endpoint.hostComputeNetwork()).equals(networkId);
    }

    private static Optional<UUID> namespaceOf(HostComputeEndpoint endpoint) {
        String ns = endpoint.hostComputeNamespace();
        return ns == null || ns.isEmpty() ? Optional.empty() : Optional.of(HcnResponses.guid(ns));
    }
}
