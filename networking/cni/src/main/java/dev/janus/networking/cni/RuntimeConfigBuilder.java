package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.errors.CriException;
import dev.janus.networking.PodNetworkRequest;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Janus adds to a plugin's own config on stdin. {@link #capabilityArgs} turns a pod request
 * into every capability argument Janus can offer; {@link #forPlugin} keeps those a plugin
 * declares with {@code "capabilities": {"portMappings": true}} (libcni's {@code runtimeConfig});
 * {@link #stdin} assembles the whole document for one plugin of a chain.
 */
final class RuntimeConfigBuilder {

    static final String PORT_MAPPINGS = "portMappings";
    static final String BANDWIDTH = "bandwidth";
    static final String DNS = "dns";
    static final String CGROUP_PATH = "cgroupPath";
    /** containerd passes the pod's annotations under this capability too. */
    static final String POD_ANNOTATIONS = "io.kubernetes.cri.pod-annotations";

    private RuntimeConfigBuilder() {
    }

    static ObjectNode capabilityArgs(PodNetworkRequest request) {
        ObjectNode args = Json.object();
        ArrayNode ports = portMappings(request.portMappings(), request.sandboxId());
        if (!ports.isEmpty()) {
            args.set(PORT_MAPPINGS, ports);
        }
        ObjectNode bandwidth = BandwidthAnnotations.of(request.annotations(), request.sandboxId());
        if (bandwidth != null) {
            args.set(BANDWIDTH, bandwidth);
        }
        if (request.dns() != null && !isEmpty(request.dns())) {
            args.set(DNS, dns(request.dns()));
        }
        if (request.cgroupParent() != null && !request.cgroupParent().isEmpty()) {
            args.put(CGROUP_PATH, request.cgroupParent());
        }
        if (!request.annotations().isEmpty()) {
            ObjectNode annotations = args.putObject(POD_ANNOTATIONS);
            request.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> annotations.put(e.getKey(), e.getValue()));
        }
        return args;
    }

    /**
     * One plugin's stdin within a chain, as libcni builds it: the plugin's own object plus the
     * network's {@code name} and {@code cniVersion}, the previous plugin's result as
     * {@code prevResult}, and its declared capabilities as {@code runtimeConfig}.
     */
    static ObjectNode stdin(NetworkConfigList network, int index, JsonNode prevResult,
            ObjectNode capabilityArgs) {
        ObjectNode config = network.plugin(index);
        config.put("name", network.name());
        config.put("cniVersion", network.cniVersion());
        ObjectNode runtimeConfig = forPlugin(config, capabilityArgs);
        // as in libcni: a runtimeConfig written in the file is replaced (not merged) when the
        // runtime has something to inject, and left alone otherwise
        if (!runtimeConfig.isEmpty()) {
            config.set("runtimeConfig", runtimeConfig);
        }
        if (prevResult != null && !prevResult.isNull()) {
            config.set("prevResult", prevResult.deepCopy());
        }
        return config;
    }

    /** The plugin's runtimeConfig: only capabilities it declares true; empty when none apply. */
    static ObjectNode forPlugin(JsonNode plugin, ObjectNode capabilityArgs) {
        ObjectNode out = Json.object();
        JsonNode declared = plugin.path("capabilities");
        for (Iterator<String> it = declared.fieldNames(); it.hasNext(); ) {
            String capability = it.next();
            if (declared.path(capability).asBoolean(false) && capabilityArgs.has(capability)) {
                out.set(capability, capabilityArgs.get(capability).deepCopy());
            }
        }
        return out;
    }

    /** A hostPort of 0 means "no host port" in CRI: such mappings are left out, as containerd does. */
    static ArrayNode portMappings(List<PortMapping> mappings, String sandboxId) {
        ArrayNode out = Json.array();
        for (PortMapping m : mappings) {
            if (m.getHostPort() <= 0) {
                continue;
            }
            if (m.getHostPort() > 65535 || m.getContainerPort() <= 0
                    || m.getContainerPort() > 65535) {
                throw CriException.invalid("sandbox %s: port mapping %d -> %d is out of range"
                        + " 1-65535", sandboxId, m.getHostPort(), m.getContainerPort());
            }
            ObjectNode entry = out.addObject()
                    .put("hostPort", m.getHostPort())
                    .put("containerPort", m.getContainerPort())
                    .put("protocol", protocol(m, sandboxId));
            if (!m.getHostIp().isEmpty()) {
                entry.put("hostIP", m.getHostIp());
            }
        }
        return out;
    }

    private static String protocol(PortMapping m, String sandboxId) {
        return switch (m.getProtocol()) {
            case TCP, UDP, SCTP -> m.getProtocol().name().toLowerCase(Locale.ROOT);
            default -> throw CriException.invalid("sandbox %s: port mapping with unknown protocol"
                    + " %d", sandboxId, m.getProtocolValue());
        };
    }

    private static boolean isEmpty(DNSConfig dns) {
        return dns.getServersCount() == 0 && dns.getSearchesCount() == 0
                && dns.getOptionsCount() == 0;
    }

    private static ObjectNode dns(DNSConfig dns) {
        ObjectNode out = Json.object();
        dns.getServersList().forEach(out.putArray("servers")::add);
        dns.getSearchesList().forEach(out.putArray("searches")::add);
        dns.getOptionsList().forEach(out.putArray("options")::add);
        return out;
    }
}
