package dev.janus.isolation.uvm.vm;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One utility VM. Created stopped by {@link VmHost#create}; {@link #start} boots it. Every method
 * that changes the VM throws {@link VmException}: NOT_FOUND for a disk, NIC or channel id it
 * does not have, ALREADY_EXISTS for one it has, FAILED_PRECONDITION when the VM is not running.
 *
 * <pre>
 *   created --start--> running --stop/kill/guest poweroff/crash--> exited
 * </pre>
 */
public interface Vm extends AutoCloseable {

    String id();

    Path vmDir();

    /** Boots the VM; returns once the hypervisor runs it (not once the guest is up: see {@link #timing}). */
    void start();

    /**
     * Asks the guest to power off (ACPI power button / HCS shutdown) and kills the VM if it has
     * not exited within {@code grace}. Returns when the VM is gone.
     */
    VmExit stop(Duration grace);

    /** Ends the VM at once. Returns when it is gone. */
    VmExit kill();

    /** Completes when the VM has ended, whoever ended it; never completes exceptionally. */
    CompletableFuture<VmExit> exit();

    /** The hypervisor process (QEMU); empty under HCS or before start. */
    OptionalLong pid();

    /** Boot steps reached so far. */
    BootTiming timing();

    /** Completes when the guest has opened the agent channel (the last step of {@link #timing}). */
    CompletableFuture<BootTiming> agentReady();

    /** Attaches a disk to the running VM; the guest sees it by its id (virtio-blk serial). */
    void hotAddDisk(DiskSpec disk);

    /** Where the guest finds an attached disk (cold or hot); NOT_FOUND for an unknown id. */
    DiskAddress diskAddress(String diskId);

    /** Detaches a disk; the guest must have unmounted it. */
    void removeDisk(String diskId);

    void hotAddNic(NicSpec nic);

    void removeNic(String nicId);

    void addChannel(ChannelSpec channel);

    /**
     * Adds a channel whose host end another process serves (janus-9p, a share's): under QEMU the
     * port and the socket QEMU listens on, which that process connects to; under Hyper-V the
     * hvsock service, which that process listens on (janusd does not).
     */
    void exposeChannel(ChannelSpec channel);

    void removeChannel(String name);

    /** Knows a channel an earlier janusd hot-added, without adding it again (after a reattach). */
    void adoptChannel(ChannelSpec channel);

    /** Where janusd reaches a channel's host side. */
    ChannelEndpoint endpoint(String channelName);

    /**
     * Opens a channel to the guest: waits until the guest side is open (bytes sent before that
     * are lost on virtio-serial), then connects (QEMU) or accepts the guest's connection (hvsock).
     */
    ByteChannel openChannel(String channelName, Duration timeout) throws IOException;

    /** Lets go of the VM's control connections without stopping it (janusd shutting down). */
    @Override
    void close();
}
