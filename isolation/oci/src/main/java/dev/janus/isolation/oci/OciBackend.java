package dev.janus.isolation.oci;

import dev.janus.isolation.Availability;
import dev.janus.isolation.HostContext;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.RuntimeHandlerFactory;
import dev.janus.isolation.host.CgroupUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code oci} backend: process-isolated pods on a Linux host with runc or crun. It says it
 * cannot run where a binary it needs is missing, off Linux, or with crun on a hybrid cgroup host
 * (Debian's crun refuses that layout, "cgroups in hybrid mode not supported").
 */
public final class OciBackend implements RuntimeHandlerFactory {

    @Override
    public String backend() {
        return "oci";
    }

    @Override
    public Availability probe(Map<String, Object> options, HostContext host) {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return Availability.no("the oci backend runs on Linux hosts only");
        }
        OciOptions oci = OciOptions.from(options);
        for (Path binary : new Path[] {oci.runtimePath(), oci.conmon(), oci.pause()}) {
            if (!Files.isExecutable(binary)) {
                return Availability.no(binary + " is missing (install the Debian package that provides it)");
            }
        }
        if (oci.runtime().equals("crun") && hybridCgroups()) {
            return Availability.no("crun does not support this host's hybrid cgroup v1/v2 layout; use runc");
        }
        return Availability.yes();
    }

    @Override
    public RuntimeHandler create(String handlerName, Map<String, Object> options, HostContext host) {
        return new OciRuntimeHandler(handlerName, OciOptions.from(options), host);
    }

    /** v1 controllers with a cgroup2 hierarchy mounted beside them. */
    static boolean hybridCgroups() {
        return !CgroupUsage.unifiedHost() && Files.exists(Path.of("/sys/fs/cgroup/unified/cgroup.controllers"));
    }
}
