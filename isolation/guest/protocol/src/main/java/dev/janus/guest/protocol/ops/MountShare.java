package dev.janus.guest.protocol.ops;

/**
 * MOUNT_SHARE (22): a host directory that janusd's 9P2000.L server serves, mounted in the guest.
 * QEMU ({@code vsockPort} 0): the agent opens the virtio-serial port named {@code port} (waiting
 * up to {@code waitMillis} for a hot-added one to appear), relays it to a pair of pipes and
 * mounts 9p with {@code trans=fd} over them: the kernel cannot take the port itself. Hyper-V: it
 * connects AF_VSOCK to the host on {@code vsockPort} (retrying until {@code waitMillis}) and
 * gives the kernel that socket as both descriptors. Added within version 1: an older agent
 * answers UNIMPLEMENTED; {@code vsockPort} appended later (an older agent reads 0).
 *
 * @param target where to mount: absolute, under /run/janus-volumes
 * @param aname the share's name on the server
 * @param msize the largest 9P message
 * @param cache the 9p cache mode ({@code mmap}: none but for shared mappings)
 * @param vsockPort the host's hvsock port of the share, or 0 for a virtio-serial port
 */
public interface MountShare {

    record Request(String port, String aname, String target, boolean readOnly, int msize, String cache,
            long waitMillis, int vsockPort) {
    }

    record Reply() {
    }
}
