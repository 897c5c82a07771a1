package dev.janus.guest.agent.storage;

/**
 * The descriptors a 9p {@code trans=fd} mount reads and writes, and what keeps them alive:
 * {@link PortRelay} under QEMU, {@link VsockShareSocket} under Hyper-V.
 */
interface ShareTransport {

    /** The descriptor the kernel reads the server's replies from (rfdno). */
    int kernelReads();

    /** The descriptor the kernel writes its requests to (wfdno). */
    int kernelWrites();

    /** After mount(2): the kernel holds its own references; this process lets go of the descriptors it gave. */
    void kernelHasItsEnds();

    /** After the unmount, or when the mount failed. */
    void close();
}
