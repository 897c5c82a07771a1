package dev.janus.cri.validation;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Device;
import dev.janus.cri.api.KeyValue;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.Mount;
import java.util.regex.Pattern;

/**
 * A CreateContainer request checked before anything on the host is touched: the name, what
 * reaches the process's command line and environment, the paths of mounts and devices, sizes,
 * resources and ids. Each refusal is INVALID_ARGUMENT naming the field.
 */
public final class ContainerChecks {

    private static final Pattern PERMISSIONS = Pattern.compile("[rwm]{0,3}");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z_]{1,64}");

    private ContainerChecks() {
    }

    public static void check(ContainerConfig config) {
        if (!config.hasMetadata()) {
            throw Invalid.field("metadata", "is required");
        }
        Names.name("metadata.name", config.getMetadata().getName(), Names.SUBDOMAIN_MAX);
        if (config.getImage().getImage().isEmpty()) {
            throw Invalid.field("image.image", "is required: the container must name an image");
        }
        Text.noControl("image.image", config.getImage().getImage());
        Text.noNul("command", config.getCommandList());
        Text.noNul("args", config.getArgsList());
        Text.noNul("working_dir", config.getWorkingDir());
        for (int i = 0; i < config.getEnvsCount(); i++) {
            KeyValue env = config.getEnvs(i);
            String field = "envs[" + i + "]";
            if (env.getKey().isEmpty() || env.getKey().indexOf('=') >= 0) {
                throw Invalid.field(field + ".key", env.getKey(), "must be a non-empty name without '='");
            }
            Text.noNul(field + ".key", env.getKey());
            for (byte b : env.getValue()) {
                if (b == 0) {
                    throw Invalid.field(field + ".value", "must not contain a NUL byte");
                }
            }
        }
        for (int i = 0; i < config.getMountsCount(); i++) {
            mount("mounts[" + i + "]", config.getMounts(i));
        }
        for (int i = 0; i < config.getDevicesCount(); i++) {
            device("devices[" + i + "]", config.getDevices(i));
        }
        Text.noNul("log_path", config.getLogPath());
        Metadata.labels("labels", config.getLabelsMap());
        Metadata.annotations("annotations", config.getAnnotationsMap());
        Resources.check("linux.resources", config.getLinux().getResources());
        security(config.getLinux().getSecurityContext());
    }

    private static void mount(String field, Mount mount) {
        if (mount.getContainerPath().isEmpty()) {
            throw Invalid.field(field + ".container_path", "is required");
        }
        Paths.clean(field + ".container_path", mount.getContainerPath());
        if (mount.hasImage() && !mount.getImage().getImage().isEmpty()) {
            return; // an image volume: no host path
        }
        // a Windows-shaped source (C:\...) is mapped by the handler that takes Windows configs
        if (!mount.getHostPath().matches("[A-Za-z]:\\\\.*")) {
            Paths.absolute(field + ".host_path", mount.getHostPath());
        } else {
            Paths.clean(field + ".host_path", mount.getHostPath());
        }
    }

    private static void device(String field, Device device) {
        Paths.absolute(field + ".host_path", device.getHostPath());
        Paths.absolute(field + ".container_path", device.getContainerPath());
        if (!PERMISSIONS.matcher(device.getPermissions()).matches()) {
            throw Invalid.field(field + ".permissions", device.getPermissions(), "must be made of r, w and m");
        }
    }

    private static void security(LinuxContainerSecurityContext security) {
        String field = "linux.security_context";
        if (security.hasRunAsUser() && security.getRunAsUser().getValue() < 0) {
            throw Invalid.field(field + ".run_as_user", "is negative");
        }
        if (security.hasRunAsGroup() && security.getRunAsGroup().getValue() < 0) {
            throw Invalid.field(field + ".run_as_group", "is negative");
        }
        for (long group : security.getSupplementalGroupsList()) {
            if (group < 0 || group > 0xFFFFFFFEL) {
                throw Invalid.field(field + ".supplemental_groups", "has " + group + "; a group id is 0 to 4294967294");
            }
        }
        String user = security.getRunAsUsername();
        if (user.indexOf(':') >= 0 || user.indexOf('/') >= 0) {
            throw Invalid.field(field + ".run_as_username", user, "must be a user name");
        }
        Text.noControl(field + ".run_as_username", user);
        var caps = security.getCapabilities();
        for (var list : java.util.List.of(caps.getAddCapabilitiesList(), caps.getDropCapabilitiesList(),
                caps.getAddAmbientCapabilitiesList())) {
            for (String cap : list) {
                if (!CAPABILITY.matcher(cap).matches()) {
                    throw Invalid.field(field + ".capabilities", cap, "must name a capability such as NET_ADMIN or ALL");
                }
            }
        }
        for (String path : security.getMaskedPathsList()) {
            Paths.absolute(field + ".masked_paths", path);
        }
        for (String path : security.getReadonlyPathsList()) {
            Paths.absolute(field + ".readonly_paths", path);
        }
    }
}
