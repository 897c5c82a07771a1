package dev.janus.isolation.uvm.vm;

import java.nio.file.Path;

/** Where the host side of a guest channel is, for logs and for clients that dial it themselves. */
public sealed interface ChannelEndpoint {

    /** QEMU: the unix socket QEMU listens on for a virtio-serial port. */
    record UnixSocket(Path path) implements ChannelEndpoint {
    }

    /** Hyper-V: janusd listens on (VM runtime id, service id); the guest connects. */
    record HvSocket(String vmId, String serviceId) implements ChannelEndpoint {
    }
}
