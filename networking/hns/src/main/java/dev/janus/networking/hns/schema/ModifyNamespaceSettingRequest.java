package dev.janus.networking.hns.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The settings of HcnModifyNamespace. computenetwork.dll has no "add endpoint to namespace"
 * export: an endpoint joins with ResourceType Endpoint, RequestType Add and leaves with Remove.
 */
public record ModifyNamespaceSettingRequest(String resourceType, String requestType, JsonNode settings) {
}
