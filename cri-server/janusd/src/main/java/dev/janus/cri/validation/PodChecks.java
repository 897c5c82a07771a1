package dev.janus.cri.validation;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.LinuxSandboxSecurityContext;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxMetadata;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.api.Protocol;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A RunPodSandbox request checked before anything on the host is touched: names that become
 * paths and tool arguments, values written into the pod's resolv.conf and hostname, sizes,
 * numbers, host ports. Each refusal is INVALID_ARGUMENT naming the field.
 */
public final class PodChecks {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");
    private static final Pattern CGROUP = Pattern.compile("[A-Za-z0-9_.:@=+/-]*");
    private static final Pattern SYSCTL = Pattern.compile("[A-Za-z0-9_.%/-]+");
    /** Kubernetes' own caps (kubelet's MaxDNSSearchPaths); resolv.conf readers use the first 3 servers. */
    private static final int MAX_SEARCHES = 32;
    private static final int MAX_SERVERS = 16;
    private static final int MAX_OPTIONS = 32;

    private PodChecks() {
    }

    public static void check(PodSandboxConfig config) {
        if (!config.hasMetadata()) {
            throw Invalid.field("metadata", "is required");
        }
        PodSandboxMetadata m = config.getMetadata();
        Names.name("metadata.name", m.getName(), Names.SUBDOMAIN_MAX);
        Names.name("metadata.namespace", m.getNamespace(), Names.LABEL_MAX);
        Names.name("metadata.uid", m.getUid(), 128);
        Names.hostname("hostname", config.getHostname());
        if (!config.getLogDirectory().isEmpty()) {
            Paths.absolute("log_directory", config.getLogDirectory());
        }
        dns(config.getDnsConfig());
        ports(config);
        Metadata.labels("labels", config.getLabelsMap());
        Metadata.annotations("annotations", config.getAnnotationsMap());
        var linux = config.getLinux();
        String parent = linux.getCgroupParent();
        if (!CGROUP.matcher(parent).matches()) {
            throw Invalid.field("linux.cgroup_parent", parent, "must be a cgroup path (letters, digits, '/', '_',"
                    + " '.', ':', '@', '=', '+', '-')");
        }
        Paths.clean("linux.cgroup_parent", parent);
        for (var sysctl : linux.getSysctlsMap().entrySet()) {
            if (!SYSCTL.matcher(sysctl.getKey()).matches() || sysctl.getKey().contains("..")) {
                throw Invalid.field("linux.sysctls key", sysctl.getKey(), "must be a sysctl name such as net.ipv4.ip_forward");
            }
            Text.noControl("linux.sysctls[" + sysctl.getKey() + "]", sysctl.getValue());
        }
        security(linux.getSecurityContext());
        Resources.check("linux.overhead", linux.getOverhead());
        Resources.check("linux.resources", linux.getResources());
    }

    private static void dns(DNSConfig dns) {
        if (dns.getServersCount() > MAX_SERVERS || dns.getSearchesCount() > MAX_SEARCHES
                || dns.getOptionsCount() > MAX_OPTIONS) {
            throw Invalid.field("dns_config", "has " + dns.getServersCount() + " servers, " + dns.getSearchesCount()
                    + " searches and " + dns.getOptionsCount() + " options; at most " + MAX_SERVERS + ", "
                    + MAX_SEARCHES + " and " + MAX_OPTIONS);
        }
        for (int i = 0; i < dns.getServersCount(); i++) {
            ipAddress("dns_config.servers[" + i + "]", dns.getServers(i));
        }
        for (int i = 0; i < dns.getSearchesCount(); i++) {
            Names.dnsName("dns_config.searches[" + i + "]", dns.getSearches(i));
        }
        for (int i = 0; i < dns.getOptionsCount(); i++) {
            Text.token("dns_config.options[" + i + "]", dns.getOptions(i));
        }
    }

    private static void ipAddress(String field, String value) {
        boolean ok = value.length() <= 64
                && (IPV4.matcher(value).matches() || IPV6.matcher(value).matches() && isIpv6(value));
        if (!ok) {
            throw Invalid.field(field, value, "must be an IPv4 or IPv6 address");
        }
    }

    private static boolean isIpv6(String literal) {
        String address = literal.contains("%") ? literal.substring(0, literal.indexOf('%')) : literal;
        try {
            // a string with a colon is only ever parsed as an IPv6 literal, never looked up
            return java.net.InetAddress.getByName(address) != null;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Each (protocol, host IP, host port) at most once: a second would fight the first for the port. */
    private static void ports(PodSandboxConfig config) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < config.getPortMappingsCount(); i++) {
            PortMapping port = config.getPortMappings(i);
            String field = "port_mappings[" + i + "]";
            if (port.getProtocol() == Protocol.UNRECOGNIZED) {
                throw Invalid.field(field + ".protocol", "is not TCP, UDP or SCTP");
            }
            if (port.getContainerPort() < 0 || port.getContainerPort() > 65535) {
                throw Invalid.field(field + ".container_port", "is " + port.getContainerPort() + "; it must be 1-65535");
            }
            if (port.getHostPort() < 0 || port.getHostPort() > 65535) {
                throw Invalid.field(field + ".host_port", "is " + port.getHostPort() + "; it must be 0 (none) to 65535");
            }
            if (!port.getHostIp().isEmpty()) {
                ipAddress(field + ".host_ip", port.getHostIp());
            }
            if (port.getHostPort() > 0) {
                String key = port.getProtocol() + " " + port.getHostIp() + ":" + port.getHostPort();
                Integer earlier = seen.putIfAbsent(key, i);
                if (earlier != null) {
                    throw Invalid.field(field, "maps host port " + port.getProtocol() + " "
                            + (port.getHostIp().isEmpty() ? "" : port.getHostIp() + ":") + port.getHostPort()
                            + ", as port_mappings[" + earlier + "] does already");
                }
            }
        }
    }

    private static void security(LinuxSandboxSecurityContext security) {
        if (security.hasRunAsUser() && security.getRunAsUser().getValue() < 0) {
            throw Invalid.field("linux.security_context.run_as_user", "is negative");
        }
        if (security.hasRunAsGroup() && security.getRunAsGroup().getValue() < 0) {
            throw Invalid.field("linux.security_context.run_as_group", "is negative");
        }
        for (long group : security.getSupplementalGroupsList()) {
            if (group < 0 || group > 0xFFFFFFFEL) {
                throw Invalid.field("linux.security_context.supplemental_groups", "has " + group
                        + "; a group id is 0 to 4294967294");
            }
        }
    }
}
