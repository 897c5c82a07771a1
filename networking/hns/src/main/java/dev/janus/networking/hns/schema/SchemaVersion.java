package dev.janus.networking.hns.schema;

/** {@code SchemaVersion} of HCN objects and queries: always 2.0 (HCS documents use 2.1; HCN does not). */
public record SchemaVersion(int major, int minor) {

    public static final SchemaVersion V2 = new SchemaVersion(2, 0);
}
