package dev.janus.isolation.ocispec;

import dev.janus.cri.api.SecurityProfile;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.model.OciSeccomp;
import java.util.List;

/**
 * Picks the seccomp filter for a process from its security context: the {@code seccomp} profile
 * when set, else the deprecated {@code seccomp_profile_path} string ({@code ""} and
 * {@code unconfined}, {@code runtime/default}, {@code docker/default}, {@code localhost/<path>}).
 * Privileged processes get no filter at all.
 */
final class SeccompProfiles {

    /** What the pod asked for. */
    sealed interface Choice {
    }

    record Unconfined() implements Choice {
    }

    record RuntimeDefault() implements Choice {
    }

    record Localhost(String path) implements Choice {
    }

    private SeccompProfiles() {
    }

    /** The choice from the profile field (may be null) or else the old string form. */
    static Choice choose(SecurityProfile profile, String deprecatedPath) {
        if (profile != null) {
            return switch (profile.getProfileType()) {
                case Unconfined -> new Unconfined();
                case RuntimeDefault -> new RuntimeDefault();
                case Localhost -> localhost(profile.getLocalhostRef());
                case UNRECOGNIZED -> throw CriException.invalid("unknown seccomp profile type %d",
                        profile.getProfileTypeValue());
            };
        }
        String p = deprecatedPath.trim();
        if (p.isEmpty() || p.equals("unconfined")) {
            return new Unconfined();
        }
        if (p.equals("runtime/default") || p.equals("docker/default")) {
            return new RuntimeDefault();
        }
        if (p.startsWith("localhost/")) {
            return localhost(p.substring("localhost/".length()));
        }
        throw CriException.invalid("unknown seccomp_profile_path \"%s\": expected runtime/default, "
                + "docker/default, unconfined or localhost/<absolute path>", p);
    }

    /** The filter to install, or null for none. */
    static OciSeccomp filter(Choice choice, boolean privileged, List<String> caps, HostFeatures host,
            Warnings w) {
        if (privileged) {
            return null;
        }
        return switch (choice) {
            case Unconfined u -> null;
            case RuntimeDefault d -> DefaultSeccompProfile.build(architectures(host.arch()), caps);
            case Localhost l -> LocalhostSeccompProfile.load(l.path(), host, caps, w);
        };
    }

    /**
     * The seccomp architectures of a machine: its own and the compat ABIs its kernel also runs,
     * so that a 32-bit binary meets the same rules instead of a blanket kill.
     */
    static List<String> architectures(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
            case "aarch64", "arm64" -> List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
            default -> List.of();
        };
    }

    /** Go's name for the architecture, as Docker profiles write it in includes/excludes. */
    static String goArch(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> javaArch;
        };
    }

    private static Localhost localhost(String path) {
        if (!path.startsWith("/")) {
            throw CriException.invalid("localhost seccomp profile \"%s\" is not an absolute path", path);
        }
        return new Localhost(path);
    }
}
