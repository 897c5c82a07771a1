package dev.janus.isolation.ocispec;

import dev.janus.cri.api.Device;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.model.OciLinux;
import dev.janus.isolation.ocispec.model.OciResources.DeviceRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Device nodes and the device cgroup. Everything is denied but the nodes every container has
 * (runc's list: null, zero, full, tty, random, urandom, ptmx and the pts) and mknod; a CRI
 * device adds its node and a rule for it. Privileged containers get every host device and may
 * use any.
 */
final class Devices {

    /** The nodes and the cgroup rules. */
    record DevicePlan(List<OciLinux.Device> nodes, List<DeviceRule> rules) {
    }

    static final List<DeviceRule> DEFAULT_RULES = List.of(
            DeviceRule.denyAll(),
            new DeviceRule(true, "c", null, null, "m"),
            new DeviceRule(true, "b", null, null, "m"),
            charDevice(1, 3),   // /dev/null
            charDevice(1, 5),   // /dev/zero
            charDevice(1, 7),   // /dev/full
            charDevice(5, 0),   // /dev/tty
            charDevice(1, 8),   // /dev/random
            charDevice(1, 9),   // /dev/urandom
            charDevice(5, 2),   // /dev/ptmx
            new DeviceRule(true, "c", 136L, null, "rwm")); // /dev/pts/*

    private Devices() {
    }

    static DevicePlan container(List<Device> requested, boolean privileged, HostDevices host) {
        Map<String, OciLinux.Device> nodes = new LinkedHashMap<>();
        List<DeviceRule> rules = new ArrayList<>(privileged ? List.of(DeviceRule.allowAll()) : DEFAULT_RULES);
        for (Device d : requested) {
            String access = access(d);
            String hostPath = d.getHostPath().length() > 1 && d.getHostPath().endsWith("/")
                    ? d.getHostPath().substring(0, d.getHostPath().length() - 1) : d.getHostPath();
            if (!hostPath.startsWith("/")) {
                throw CriException.invalid("device host_path \"%s\" is not an absolute path", hostPath);
            }
            List<OciLinux.Device> found = host.at(hostPath);
            if (found.isEmpty()) {
                throw CriException.invalid("device %s is not a device node on the host", hostPath);
            }
            String target = ContainerPaths.clean("device container_path",
                    d.getContainerPath().isEmpty() ? hostPath : d.getContainerPath());
            for (OciLinux.Device node : found) {
                // A directory maps its tree: /dev/snd/pcmC0 under host /dev/snd lands under target.
                String path = node.path().equals(hostPath)
                        ? target : target + node.path().substring(hostPath.length());
                nodes.put(path, node.at(path));
                if (!privileged) {
                    rules.add(new DeviceRule(true, node.type(), node.major(), node.minor(), access));
                }
            }
        }
        if (privileged) {
            for (OciLinux.Device node : host.all()) {
                nodes.putIfAbsent(node.path(), node);
            }
        }
        return new DevicePlan(List.copyOf(nodes.values()), rules);
    }

    private static String access(Device d) {
        String p = d.getPermissions().isEmpty() ? "rwm" : d.getPermissions();
        if (!p.matches("[rwm]{1,3}")) {
            throw CriException.invalid("device %s: permissions \"%s\" must be made of r, w and m",
                    d.getHostPath(), d.getPermissions());
        }
        return p;
    }

    private static DeviceRule charDevice(long major, long minor) {
        return new DeviceRule(true, "c", major, minor, "rwm");
    }
}
