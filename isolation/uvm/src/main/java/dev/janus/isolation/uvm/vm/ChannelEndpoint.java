package dev.janus.isolation.uvm.vm;

import java.nio.file.Path;

/** Where the host side of a guest channel is, for logs and for clients that dial it themselves. */
public sealed interface ChannelEndpoint {

    /** QEMU: the unix socket QEMU listens on for a virtio-serial port. */
    record UnixSocket(Path path) implements ChannelEndpoint {
    }

    /** Hyper-V: janusd (or janus-9p, for a share) listens on (VM runtime id, service id); the guest connects. */
    record HvSocket(String vmId, String serviceId) implements ChannelEndpoint {
    }

    /** How janus-9p's share requests name it: the socket's path, or {@code hvsock:<VM id>:<service id>}. */
    default String address() {
        return switch (this) {
            case UnixSocket u -> u.path().toString();
            case HvSocket h -> "hvsock:" + h.vmId() + ":" + h.serviceId();
        };
    }
}
