package dev.janus.networking.hns.schema;

/**
 * The query of HcnEnumerate* and HcnQuery*Properties. {@code Filter} is a JSON object encoded as
 * a string (e.g. {@code "{\"Name\":\"janus-nat\"}"}), not a nested object; Flags 1 asks for detail.
 */
public record HostComputeQuery(SchemaVersion schemaVersion, Integer flags, String filter) {
}
