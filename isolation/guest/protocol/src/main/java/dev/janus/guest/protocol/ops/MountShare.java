package dev.janus.guest.protocol.ops;

/**
 * MOUNT_SHARE (22): a host directory that janusd's 9P2000.L server serves, mounted in the guest.
 * The agent opens the virtio-serial port named {@code port} (waiting up to {@code waitMillis} for
 * a hot-added one to appear), relays it to a pair of pipes and mounts 9p with {@code trans=fd}
 * over them: the kernel cannot take the port itself. Added within version 1: an older agent
 * answers UNIMPLEMENTED.
 *
 * @param target where to mount: absolute, under /run/janus-volumes
 * @param aname the share's name on the server
 * @param msize the largest 9P message
 * @param cache the 9p cache mode ({@code mmap}: none but for shared mappings)
 */
public interface MountShare {

    record Request(String port, String aname, String target, boolean readOnly, int msize, String cache,
            long waitMillis) {
    }

    record Reply() {
    }
}
