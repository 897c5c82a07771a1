package dev.janus.cri.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A negotiated remote-command or port-forward subprotocol and what it implies.
 *
 * <pre>
 *   channel.k8s.io (v1), v2, v3 (adds resize), v4 (JSON status with the exit code),
 *   v5 (WebSocket: a close signal for stdin, channel 255); base64 variants on WebSocket send
 *   text frames. An empty name is a WebSocket client that asked for none (binary, v1).
 * </pre>
 */
record Dialect(String name, int version, boolean base64) {

    /** SPDY exec/attach, in the order kubelet prefers them (the client's order decides). */
    static final List<String> SPDY_REMOTE_COMMAND = List.of("v5.channel.k8s.io", "v4.channel.k8s.io",
            "v3.channel.k8s.io", "v2.channel.k8s.io", "channel.k8s.io");
    static final List<String> SPDY_PORT_FORWARD = List.of("portforward.k8s.io");
    static final List<String> WS_REMOTE_COMMAND = List.of("v5.channel.k8s.io", "v4.channel.k8s.io",
            "v4.base64.channel.k8s.io", "channel.k8s.io", "base64.channel.k8s.io", "");
    static final List<String> WS_PORT_FORWARD = List.of("v4.channel.k8s.io", "v4.base64.channel.k8s.io", "");

    private static final Map<String, Dialect> KNOWN = Map.of(
            "", new Dialect("", 1, false),
            "channel.k8s.io", new Dialect("channel.k8s.io", 1, false),
            "base64.channel.k8s.io", new Dialect("base64.channel.k8s.io", 1, true),
            "v2.channel.k8s.io", new Dialect("v2.channel.k8s.io", 2, false),
            "v3.channel.k8s.io", new Dialect("v3.channel.k8s.io", 3, false),
            "v4.channel.k8s.io", new Dialect("v4.channel.k8s.io", 4, false),
            "v4.base64.channel.k8s.io", new Dialect("v4.base64.channel.k8s.io", 4, true),
            "v5.channel.k8s.io", new Dialect("v5.channel.k8s.io", 5, false),
            "portforward.k8s.io", new Dialect("portforward.k8s.io", 1, false));

    static Dialect of(String name) {
        return KNOWN.get(name);
    }

    /**
     * The first protocol the client lists that the server supports (apimachinery's rule), or null.
     * Header values may hold several names separated by commas.
     */
    static String negotiate(List<String> clientHeaders, List<String> supported) {
        List<String> offered = new ArrayList<>();
        for (String header : clientHeaders) {
            for (String name : header.split(",")) {
                if (!name.isBlank()) {
                    offered.add(name.trim());
                }
            }
        }
        if (offered.isEmpty() && supported.contains("")) {
            return "";
        }
        return offered.stream().filter(supported::contains).findFirst().orElse(null);
    }

    boolean jsonStatus() {
        return version >= 4;
    }

    boolean resize() {
        return version >= 3;
    }

    boolean closeSignal() {
        return version >= 5;
    }
}
