package dev.janus.networking.hns.documents;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.networking.hns.schema.HostComputeNamespace;
import dev.janus.networking.hns.schema.ModifyNamespaceSettingRequest;
import dev.janus.networking.hns.schema.NamespaceResource;
import dev.janus.networking.hns.schema.SchemaVersion;
import java.util.UUID;

/** The settings of HcnCreateNamespace and of the HcnModifyNamespace calls that move endpoints. */
public final class NamespaceDocuments {

    static final String ADD = "Add";
    static final String REMOVE = "Remove";

    private NamespaceDocuments() {
    }

    /** A host namespace (compartment) of its own for one pod; HNS numbers the compartment. */
    public static HostComputeNamespace namespace() {
        return new HostComputeNamespace(null, null, HostComputeNamespace.HOST, null, SchemaVersion.V2);
    }

    public static ModifyNamespaceSettingRequest addEndpoint(UUID endpointId) {
        return endpointRequest(ADD, endpointId);
    }

    public static ModifyNamespaceSettingRequest removeEndpoint(UUID endpointId) {
        return endpointRequest(REMOVE, endpointId);
    }

    private static ModifyNamespaceSettingRequest endpointRequest(String requestType, UUID endpointId) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode().put("EndpointId", endpointId.toString());
        return new ModifyNamespaceSettingRequest(NamespaceResource.ENDPOINT, requestType, settings);
    }
}
