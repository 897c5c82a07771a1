package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * SET_SYSCTLS (21): the pod's sysctls, written under the guest's /proc/sys. The pod's containers
 * share the guest's network, IPC and UTS namespaces, so namespaced sysctls reach them all; the
 * VM is the pod's own kernel, so the others are the pod's alone too. Added within version 1: an
 * agent older than it answers UNIMPLEMENTED.
 *
 * @param sysctls "name=value" with dotted names ({@code net.ipv4.ip_local_port_range=1024 65000});
 *     a '/' in a name stands for a '.' inside one component, as sysctl(8) reads it
 */
public interface SetSysctls {

    record Request(List<String> sysctls) {
    }

    record Reply() {
    }
}
