package dev.janus.isolation.ocispec;

import dev.janus.isolation.ocispec.model.OciLinux.Device;
import java.util.List;

/**
 * Where the builder learns about host device nodes: the one host lookup it needs, kept behind
 * this interface so the builder stays pure and tests can hand in fixed devices. The real source
 * is {@link DevDirectory}; inside the utility VM it is the guest's own /dev.
 */
public interface HostDevices {

    /** Every device node a privileged container gets (the host's /dev, minus pts, shm, mqueue...). */
    List<Device> all();

    /**
     * The device node at a host path (symlinks followed), or every node below it when it is a
     * directory. A single node's path is {@code hostPath} itself; a node found below a directory
     * has {@code hostPath + "/" + its path relative to the directory}. Empty when there is none.
     */
    List<Device> at(String hostPath);

    /** A host without devices, for sandboxes and tests that never ask. */
    static HostDevices none() {
        return new HostDevices() {
            @Override
            public List<Device> all() {
                return List.of();
            }

            @Override
            public List<Device> at(String hostPath) {
                return List.of();
            }
        };
    }
}
