package dev.janus.cri.config;

import java.util.Map;

/**
 * One row of the handler table, as containerd's {@code runtimes} table: the backend that runs
 * the handler and its options, which the backend decodes into its own record.
 */
public record RuntimeEntry(String backend, Map<String, Object> options) {

    public RuntimeEntry {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
