package dev.janus.isolation.ocispec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code linux}: namespaces, cgroups, devices, seccomp and the paths hidden from the container. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OciLinux(List<Namespace> namespaces, List<IdMapping> uidMappings,
        List<IdMapping> gidMappings, OciResources resources, String cgroupsPath,
        Map<String, String> sysctl, OciSeccomp seccomp, List<Device> devices,
        List<String> maskedPaths, List<String> readonlyPaths, String rootfsPropagation,
        String mountLabel) {

    public OciLinux {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        uidMappings = uidMappings == null ? List.of() : List.copyOf(uidMappings);
        gidMappings = gidMappings == null ? List.of() : List.copyOf(gidMappings);
        sysctl = sysctl == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sysctl));
        devices = devices == null ? List.of() : List.copyOf(devices);
        maskedPaths = maskedPaths == null ? List.of() : List.copyOf(maskedPaths);
        readonlyPaths = readonlyPaths == null ? List.of() : List.copyOf(readonlyPaths);
    }

    /** A namespace the container gets: a new one when path is null, else the one at path. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Namespace(String type, String path) {
        public static Namespace fresh(String type) {
            return new Namespace(type, null);
        }
    }

    /** A user-namespace id range (kept for completeness; Janus refuses user namespaces today). */
    public record IdMapping(long containerID, long hostID, long size) {
    }

    /** A device node runc creates in the container's /dev (type "c" or "b"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(String path, String type, long major, long minor, Integer fileMode,
            Long uid, Long gid) {

        /** The same node at another path inside the container. */
        public Device at(String containerPath) {
            return new Device(containerPath, type, major, minor, fileMode, uid, gid);
        }
    }

    /** The namespace of a type, if the spec lists one. */
    public Namespace namespace(String type) {
        return namespaces.stream().filter(n -> n.type().equals(type)).findFirst().orElse(null);
    }
}
