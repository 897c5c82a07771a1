package dev.janus.isolation.uvm.vm;

import java.util.regex.Pattern;

/**
 * A byte stream between janusd and the guest. QEMU: a virtio-serial port called {@code name},
 * backed by the unix socket {@code <vmdir>/<socketFile>}. Hyper-V: hvsock on the service id of
 * vsock port {@code vsockPort}; the host listens, the guest connects to CID 2 on that port.
 */
public record ChannelSpec(String name, String socketFile, int vsockPort) {

    // before AGENT: static fields initialize in order
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,30}");

    /** The guest agent's channel; /init finds it by name ({@code janus.agent=} on the command line). */
    public static final ChannelSpec AGENT = new ChannelSpec("janus.agent", "agent.sock", 0x40000000);

    public ChannelSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("channel name must be 1-31 of [a-z0-9._-]: " + name);
        }
        if (socketFile == null || socketFile.contains("/") || !socketFile.endsWith(".sock")) {
            throw new IllegalArgumentException("channel socket must be a file name ending .sock: " + socketFile);
        }
        if (vsockPort <= 0) {
            throw new IllegalArgumentException("vsock port must be positive: " + vsockPort);
        }
    }

    /** A channel beside the agent's, e.g. {@code janus.9p} for the 9P relay. */
    public static ChannelSpec named(String name, int vsockPort) {
        return new ChannelSpec(name, name.replace('.', '-') + ".sock", vsockPort);
    }

    /** The hvsock service id Hyper-V maps a Linux vsock port to. */
    public String hvSocketServiceId() {
        return String.format("%08x-facb-11e6-bd58-64006a7986d3", vsockPort);
    }
}
