package dev.janus.cri.sandbox;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.isolation.PodFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the files every container of a pod mounts: hostname, hosts and resolv.conf, as
 * containerd does (hosts and, without a DNS config, resolv.conf copied from the host).
 */
public final class PodFilesWriter {

    private static final Path HOST_HOSTS = Path.of("/etc/hosts");
    private static final Path HOST_RESOLV = Path.of("/etc/resolv.conf");

    private PodFilesWriter() {
    }

    public static PodFiles write(Path podDir, PodSandboxConfig config, boolean hostNetwork) throws IOException {
        Files.createDirectories(podDir);
        Path hostname = podDir.resolve("hostname");
        Files.writeString(hostname, hostnameOf(config, hostNetwork) + "\n");
        Path hosts = podDir.resolve("hosts");
        copyOrEmpty(HOST_HOSTS, hosts);
        Path resolv = podDir.resolve("resolv.conf");
        if (config.hasDnsConfig()) {
            Files.writeString(resolv, resolvConf(config.getDnsConfig()));
        } else {
            copyOrEmpty(HOST_RESOLV, resolv);
        }
        return new PodFiles(hosts, resolv, hostname);
    }

    /** The pod's hostname: the one kubelet asked for, or the node's for hostNetwork pods. */
    public static String hostnameOf(PodSandboxConfig config, boolean hostNetwork) throws IOException {
        if (!hostNetwork && !config.getHostname().isEmpty()) {
            return config.getHostname();
        }
        return InetAddress.getLocalHost().getHostName();
    }

    static String resolvConf(DNSConfig dns) {
        StringBuilder text = new StringBuilder();
        if (dns.getSearchesCount() > 0) {
            text.append("search ").append(String.join(" ", dns.getSearchesList())).append('\n');
        }
        for (String server : dns.getServersList()) {
            text.append("nameserver ").append(server).append('\n');
        }
        if (dns.getOptionsCount() > 0) {
            text.append("options ").append(String.join(" ", dns.getOptionsList())).append('\n');
        }
        return text.toString();
    }

    private static void copyOrEmpty(Path from, Path to) throws IOException {
        if (Files.isReadable(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.writeString(to, "");
        }
    }
}
