package dev.janus.networking.hns;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.hns.documents.NamespaceDocuments;
import dev.janus.networking.hns.documents.Queries;
import dev.janus.networking.hns.hcn.HResults;
import dev.janus.networking.hns.hcn.HcnException;
import dev.janus.networking.hns.hcn.HcnKind;
import dev.janus.networking.hns.hcn.HnsApi;
import dev.janus.networking.hns.schema.HcnJson;
import dev.janus.networking.hns.schema.HcnResponses;
import dev.janus.networking.hns.schema.HostComputeEndpoint;
import dev.janus.networking.hns.schema.HostComputeNamespace;
import dev.janus.networking.hns.schema.HostComputeNetwork;
import dev.janus.networking.hns.schema.HostComputeQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link HnsApi} with records instead of JSON. Each call takes the subject it acts for ("pod
 * default/web on network janus-nat") so that a failure becomes a CriException naming the export,
 * the object and what HNS said; "not found" becomes an empty answer where that is an answer.
 */
final class HcnClient {

    private static final UUID HNS_CHOOSES = new UUID(0, 0);

    private final HnsApi api;

    HcnClient(HnsApi api) {
        this.api = api;
    }

    List<UUID> ids(HcnKind kind, HostComputeQuery query, String subject) {
        return call(subject, () -> HcnResponses.ids(api.enumerate(kind, HcnJson.write(query))));
    }

    HostComputeNetwork createNetwork(HostComputeNetwork settings, String subject) {
        return call(subject, () -> HcnResponses.network(api.create(HcnKind.NETWORK, HNS_CHOOSES,
                HcnJson.write(settings))));
    }

    Optional<HostComputeNetwork> network(UUID id, String subject) {
        return find(subject, () -> HcnResponses.network(query(HcnKind.NETWORK, id)));
    }

    HostComputeEndpoint createEndpoint(UUID networkId, UUID id, HostComputeEndpoint settings, String subject) {
        return call(subject, () -> HcnResponses.endpoint(api.createEndpoint(networkId, id, HcnJson.write(settings))));
    }

    Optional<HostComputeEndpoint> endpoint(UUID id, String subject) {
        return find(subject, () -> HcnResponses.endpoint(query(HcnKind.ENDPOINT, id)));
    }

    HostComputeNamespace createNamespace(UUID id, HostComputeNamespace settings, String subject) {
        return call(subject, () -> HcnResponses.namespace(api.create(HcnKind.NAMESPACE, id, HcnJson.write(settings))));
    }

    Optional<HostComputeNamespace> namespace(UUID id, String subject) {
        return find(subject, () -> HcnResponses.namespace(query(HcnKind.NAMESPACE, id)));
    }

    /** Adds the endpoint; already being in this namespace counts as done. */
    void addToNamespace(UUID namespaceId, UUID endpointId, String subject) {
        try {
            modify(namespaceId, NamespaceDocuments.addEndpoint(endpointId));
        } catch (HcnException e) {
            if (e.hresult() != HResults.HCN_E_ENDPOINT_ALREADY_ATTACHED || !isIn(namespaceId, endpointId, subject)) {
                throw e.toCriException(subject);
            }
        }
    }

    /** Removes the endpoint; a namespace or endpoint that is gone counts as done. */
    void removeFromNamespace(UUID namespaceId, UUID endpointId, String subject) {
        find(subject, () -> {
            modify(namespaceId, NamespaceDocuments.removeEndpoint(endpointId));
            return true;
        });
    }

    /** Deletes the object; true if it existed. */
    boolean delete(HcnKind kind, UUID id, String subject) {
        return find(subject, () -> {
            api.delete(kind, id);
            return true;
        }).isPresent();
    }

    private boolean isIn(UUID namespaceId, UUID endpointId, String subject) {
        return namespace(namespaceId, subject).stream()
                .flatMap(ns -> ns.endpointIds().stream())
                .anyMatch(id -> HcnResponses.guid(id).equals(endpointId));
    }

    private void modify(UUID namespaceId, Object request) {
        api.modifyNamespace(namespaceId, HcnJson.write(request));
    }

    private String query(HcnKind kind, UUID id) {
        return api.query(kind, id, HcnJson.write(Queries.all()));
    }

    private static <T> Optional<T> find(String subject, Supplier<T> action) {
        try {
            return Optional.of(action.get());
        } catch (HcnException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e.toCriException(subject);
        } catch (IllegalArgumentException e) {
            throw unreadable(subject, e);
        }
    }

    private static <T> T call(String subject, Supplier<T> action) {
        try {
            return action.get();
        } catch (HcnException e) {
            throw e.toCriException(subject);
        } catch (IllegalArgumentException e) {
            throw unreadable(subject, e);
        }
    }

    private static CriException unreadable(String subject, IllegalArgumentException e) {
        return CriException.internal("HNS gave an answer Janus cannot read for " + subject + ": "
                + e.getMessage(), e);
    }
}
