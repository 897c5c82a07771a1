package dev.janus.networking.hns.schema;

import java.util.List;

/** DNS of an endpoint: servers, search suffixes, resolver options; {@code Domain} is the primary suffix. */
public record Dns(String domain, List<String> search, List<String> serverList, List<String> options) {
}
