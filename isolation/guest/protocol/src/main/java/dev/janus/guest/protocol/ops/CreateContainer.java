package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * CREATE_CONTAINER (8): writes the bundle and assembles the rootfs; nothing runs yet.
 *
 * <p>The rootfs is an overlay: lower = the mounted layer disks (top first, as overlayfs lists
 * them), upper and work = a directory per container on the scratch disk. No layers: an empty
 * directory (a pause container bind-mounts what it needs).
 *
 * @param ociSpec the runtime spec as JSON, written as config.json unchanged; its root.path
 *     must be "rootfs"
 * @param layerSerials serials of mounted read-only layer disks, topmost first
 * @param scratchSerial serial of the mounted writable scratch disk
 * @param cgroupsPath the spec's linux.cgroupsPath (cgroupfs form), for stats
 * @param terminal the spec's process.terminal
 */
public interface CreateContainer {

    record Request(String id, byte[] ociSpec, List<String> layerSerials, String scratchSerial,
            String cgroupsPath, boolean terminal) {
    }

    record Reply(String bundle, String rootfs) {
    }
}
