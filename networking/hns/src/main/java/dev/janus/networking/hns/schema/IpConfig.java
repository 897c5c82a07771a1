package dev.janus.networking.hns.schema;

/** An endpoint address; HNS reports the prefix length, requests may leave it out. */
public record IpConfig(String ipAddress, Integer prefixLength) {
}
