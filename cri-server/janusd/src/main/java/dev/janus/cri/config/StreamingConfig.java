package dev.janus.cri.config;

import java.time.Duration;

/**
 * The streaming server (exec, attach, port-forward URLs). YAML keys under {@code streaming}.
 *
 * @param address the address it listens on and puts in URLs (loopback unless asked: kubelet on
 *     the same node is its client)
 * @param port 0 for an ephemeral port
 * @param tokenTtlSeconds how long a URL stays usable after Exec/Attach/PortForward returned it
 * @param idleTimeoutSeconds a connection that carried no data either way for this long is closed
 * @param streamCreationTimeoutSeconds how long a SPDY client may take to open its streams
 * @param maxPendingTokens URLs handed out and not yet used; beyond it the RPCs answer
 *     RESOURCE_EXHAUSTED
 */
public record StreamingConfig(String address, int port, int tokenTtlSeconds, int idleTimeoutSeconds,
        int streamCreationTimeoutSeconds, int maxPendingTokens) {

    public StreamingConfig {
        address = address == null || address.isBlank() ? "127.0.0.1" : address;
        port = Math.max(port, 0);
        tokenTtlSeconds = tokenTtlSeconds > 0 ? tokenTtlSeconds : 60;
        idleTimeoutSeconds = idleTimeoutSeconds > 0 ? idleTimeoutSeconds : 4 * 60 * 60;
        streamCreationTimeoutSeconds = streamCreationTimeoutSeconds > 0 ? streamCreationTimeoutSeconds : 30;
        maxPendingTokens = maxPendingTokens > 0 ? maxPendingTokens : 1000;
    }

    public static StreamingConfig defaults() {
        return new StreamingConfig(null, 0, 0, 0, 0, 0);
    }

    public Duration tokenTtl() {
        return Duration.ofSeconds(tokenTtlSeconds);
    }

    public Duration idleTimeout() {
        return Duration.ofSeconds(idleTimeoutSeconds);
    }

    public Duration streamCreationTimeout() {
        return Duration.ofSeconds(streamCreationTimeoutSeconds);
    }
}
