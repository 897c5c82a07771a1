package dev.janus.isolation.ocispec;

import dev.janus.cri.api.SELinuxOption;
import dev.janus.cri.api.SecurityProfile;
import dev.janus.isolation.ocispec.SpecWarning.Kind;

/**
 * AppArmor and SELinux requests. Janus' hosts and utility VMs run neither, so a request is
 * accepted and left out of the spec (runc would fail on a profile the kernel cannot load), with a
 * warning for the operator. "Unconfined" and runtime-default AppArmor need no warning: without
 * AppArmor every process is unconfined.
 */
final class LsmOptions {

    private LsmOptions() {
    }

    static void apparmor(SecurityProfile profile, String deprecatedName, Warnings w) {
        if (profile != null && profile.getProfileType() == SecurityProfile.ProfileType.Localhost) {
            w.add(Kind.APPARMOR_IGNORED, "AppArmor profile %s ignored: this host has no AppArmor",
                    profile.getLocalhostRef());
        } else if (profile == null && deprecatedName.startsWith("localhost/")) {
            w.add(Kind.APPARMOR_IGNORED, "AppArmor profile %s ignored: this host has no AppArmor", deprecatedName);
        }
    }

    static void selinux(SELinuxOption options, Warnings w) {
        if (options != null && !(options.getUser().isEmpty() && options.getRole().isEmpty()
                && options.getType().isEmpty() && options.getLevel().isEmpty())) {
            w.add(Kind.SELINUX_IGNORED, "SELinux options %s:%s:%s:%s ignored: this host has no SELinux",
                    options.getUser(), options.getRole(), options.getType(), options.getLevel());
        }
    }
}
