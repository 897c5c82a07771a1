package dev.janus.isolation.uvm.vm.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.uvm.vm.VmException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which PCIe root port holds which device. Each disk and NIC sits alone on a port, so it can be
 * unplugged; QEMU cannot add ports to a running q35 machine, so the pool is fixed at start.
 */
final class RootPorts {

    private final TreeSet<Integer> free = new TreeSet<>();
    private final Map<String, Integer> used = new HashMap<>();

    /** All {@code total} ports, the first {@code coldDevices} taken in command-line order. */
    RootPorts(int total, Iterable<String> coldDevices) {
        for (int i = 0; i < total; i++) {
            free.add(i);
        }
        coldDevices.forEach(this::take);
    }

    /** Reserves a port for a device; RESOURCE_EXHAUSTED when every port is in use. */
    synchronized String take(String deviceId) {
        if (free.isEmpty()) {
            throw new VmException(CriException.Kind.RESOURCE_EXHAUSTED,
                    "no free PCIe root port for " + deviceId + " (" + used.size()
                            + " in use; raise spareRootPorts)");
        }
        int port = free.pollFirst();
        used.put(deviceId, port);
        return QemuCommandLine.rootPortId(port);
    }

    /** Marks a port as holding a device found on it (re-attach). */
    synchronized void occupied(String deviceId, int port) {
        free.remove(port);
        used.put(deviceId, port);
    }

    /**
     * Resets the pool to what QEMU reports ({@code query-pci}): the root ports it has (janusd's
     * options may have changed since the VM started), and a port is in use when a device sits
     * behind it. For a VM re-attached after a janusd restart.
     */
    synchronized void occupiedFrom(JsonNode queryPci) {
        free.clear();
        used.clear();
        for (JsonNode bus : queryPci) {
            for (JsonNode device : bus.path("devices")) {
                String port = device.path("qdev_id").asText();
                if (!port.matches("rp\\d+")) {
                    continue;
                }
                int index = Integer.parseInt(port.substring(2));
                free.add(index);
                for (JsonNode behind : device.path("pci_bridge").path("devices")) {
                    occupied(behind.path("qdev_id").asText(), index);
                }
            }
        }
    }

    synchronized java.util.Set<String> devices() {
        return java.util.Set.copyOf(used.keySet());
    }

    synchronized void release(String deviceId) {
        Integer port = used.remove(deviceId);
        if (port != null) {
            free.add(port);
        }
    }

    synchronized int freeCount() {
        return free.size();
    }
}
