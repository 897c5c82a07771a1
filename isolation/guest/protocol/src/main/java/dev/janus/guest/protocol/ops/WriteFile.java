package dev.janus.guest.protocol.ops;

/**
 * WRITE_FILE (4): writes a whole file in the guest (the pod's hosts, resolv.conf, hostname),
 * atomically: a temporary file renamed over the target. Parent directories are made.
 *
 * @param path absolute, without {@code ..}
 * @param mode permission bits, e.g. 0644
 */
public interface WriteFile {

    record Request(String path, byte[] content, int mode) {
    }

    record Reply() {
    }
}
