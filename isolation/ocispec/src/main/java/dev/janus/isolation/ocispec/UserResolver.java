package dev.janus.isolation.ocispec;

import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.LinuxSandboxSecurityContext;
import dev.janus.cri.api.SupplementalGroupsPolicy;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.EtcFiles.PasswdEntry;
import dev.janus.isolation.ocispec.model.OciProcess.User;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Works out who the first process runs as. The CRI user (run_as_username, else run_as_user, each
 * with run_as_group) overrides the image's USER ({@code uid}, {@code name}, {@code uid:gid},
 * {@code name:group}); names resolve through the rootfs' /etc/passwd and /etc/group. A numeric
 * uid missing from /etc/passwd is fine (gid 0); a missing name is an error.
 */
final class UserResolver {

    /** The pause process's user when the pod names none: nobody, never root. */
    static final long PAUSE_ID = 65535;

    private UserResolver() {
    }

    static User container(Path rootfs, LinuxContainerSecurityContext sc, String imageUser) {
        boolean criUser = !sc.getRunAsUsername().isEmpty() || sc.hasRunAsUser();
        if (sc.hasRunAsGroup() && !criUser) {
            throw CriException.invalid("run_as_group is set without run_as_user or run_as_username");
        }
        String userPart;
        String groupPart = null;
        if (!sc.getRunAsUsername().isEmpty()) {
            userPart = sc.getRunAsUsername();
        } else if (sc.hasRunAsUser()) {
            userPart = Long.toString(checkedId("run_as_user", sc.getRunAsUser().getValue()));
        } else if (!imageUser.isEmpty()) {
            String[] p = imageUser.split(":", -1);
            if (p.length > 2 || p[0].isEmpty() || (p.length == 2 && p[1].isEmpty())) {
                throw CriException.invalid("malformed image USER %s: expected user, uid, user:group or uid:gid",
                        quote(imageUser));
            }
            userPart = p[0];
            groupPart = p.length == 2 ? p[1] : null;
        } else {
            userPart = "0";
        }
        if (sc.hasRunAsGroup()) {
            groupPart = Long.toString(checkedId("run_as_group", sc.getRunAsGroup().getValue()));
        }

        EtcFiles etc = EtcFiles.read(rootfs);
        long uid;
        long gid;
        String name;
        Long numericUid = EtcFiles.id(userPart);
        if (numericUid != null) {
            uid = numericUid;
            PasswdEntry entry = etc.userById(uid).orElse(null);
            gid = entry == null ? 0 : entry.gid();
            name = entry == null ? null : entry.name();
        } else if (userPart.matches("-?\\d+")) {
            throw CriException.invalid("uid %s is out of range", userPart);
        } else {
            PasswdEntry entry = etc.userByName(userPart).orElseThrow(() -> CriException.invalid(
                    "user %s is not in the image's /etc/passwd", quote(userPart)));
            uid = entry.uid();
            gid = entry.gid();
            name = entry.name();
        }
        if (groupPart != null) {
            gid = group(etc, groupPart);
        }

        // The primary gid is listed too, as containerd does: setgroups() then keeps it.
        TreeSet<Long> gids = new TreeSet<>();
        gids.add(gid);
        if (sc.getSupplementalGroupsPolicy() == SupplementalGroupsPolicy.Merge && name != null) {
            gids.addAll(etc.memberGids(name));
        } else if (sc.getSupplementalGroupsPolicy() == SupplementalGroupsPolicy.UNRECOGNIZED) {
            throw CriException.invalid("unknown supplemental_groups_policy %d", sc.getSupplementalGroupsPolicyValue());
        }
        addSupplemental(gids, sc.getSupplementalGroupsList());
        return new User(uid, gid, null, List.copyOf(gids));
    }

    /** The pause process: 65535:65535 unless the pod says run_as_user / run_as_group. */
    static User sandbox(LinuxSandboxSecurityContext sc) {
        if (sc.hasRunAsGroup() && !sc.hasRunAsUser()) {
            throw CriException.invalid("sandbox run_as_group is set without run_as_user");
        }
        long uid = sc.hasRunAsUser() ? checkedId("run_as_user", sc.getRunAsUser().getValue()) : PAUSE_ID;
        long gid = sc.hasRunAsGroup() ? checkedId("run_as_group", sc.getRunAsGroup().getValue()) : PAUSE_ID;
        TreeSet<Long> gids = new TreeSet<>();
        gids.add(gid);
        addSupplemental(gids, sc.getSupplementalGroupsList());
        return new User(uid, gid, null, List.copyOf(gids));
    }

    private static long group(EtcFiles etc, String groupPart) {
        Long numeric = EtcFiles.id(groupPart);
        if (numeric != null) {
            return numeric;
        }
        if (groupPart.matches("-?\\d+")) {
            throw CriException.invalid("gid %s is out of range", groupPart);
        }
        return etc.groupByName(groupPart).orElseThrow(() -> CriException.invalid(
                "group %s is not in the image's /etc/group", quote(groupPart))).gid();
    }

    private static void addSupplemental(TreeSet<Long> gids, List<Long> groups) {
        for (long g : groups) {
            gids.add(checkedId("supplemental group", g));
        }
    }

    private static long checkedId(String what, long v) {
        if (v < 0 || v > 0xFFFF_FFFEL) {
            throw CriException.invalid("%s %d is out of range (0..4294967294)", what, v);
        }
        return v;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
