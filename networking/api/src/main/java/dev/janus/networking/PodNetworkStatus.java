package dev.janus.networking;

import java.util.List;

/**
 * The pod's side of an attachment.
 *
 * @param ips the pod's addresses, the primary (IPv4 when there is one) first
 * @param interfaces what a VM handler needs to give a VM the same interface
 */
public record PodNetworkStatus(List<String> ips, List<PodInterface> interfaces) {

    public PodNetworkStatus {
        ips = List.copyOf(ips);
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }
}
