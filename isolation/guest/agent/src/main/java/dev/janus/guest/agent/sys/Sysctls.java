package dev.janus.guest.agent.sys;

import dev.janus.guest.agent.AgentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

/** The pod's sysctls, written into the guest kernel's /proc/sys. */
public final class Sysctls {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_./-]{1,255}");

    private final Path procSys;

    public Sysctls(Path procSys) {
        this.procSys = procSys;
    }

    public void set(List<String> sysctls) {
        for (String entry : sysctls) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq);
            Path file = file(name);
            if (eq < 0) {
                throw AgentException.invalid("sysctl %s has no value", name);
            }
            try {
                // WRITE only: a sysctl the kernel lacks is an error, never a new file
                Files.writeString(file, entry.substring(eq + 1), StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw AgentException.invalid("sysctl %s cannot be set in the guest: %s", name,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
    }

    /** net.ipv4.conf.eth0/1.rp_filter is net/ipv4/conf/eth0.1/rp_filter. */
    Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw AgentException.invalid("%s is not a sysctl name", name);
        }
        Path file = procSys;
        for (String component : name.split("\\.", -1)) {
            String part = component.replace('/', '.');
            if (part.isEmpty() || part.equals("..") || part.equals(".")) {
                throw AgentException.invalid("%s is not a sysctl name", name);
            }
            file = file.resolve(part);
        }
        return file;
    }
}
