package dev.janus.isolation.ocispec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users and groups of an image, parsed from its /etc/passwd and /etc/group the way libc does:
 * malformed lines are skipped, the first match wins. A missing file means no entries.
 */
record EtcFiles(List<PasswdEntry> users, List<GroupEntry> groups) {

    record PasswdEntry(String name, long uid, long gid) {
    }

    record GroupEntry(String name, long gid, List<String> members) {
    }

    static EtcFiles read(Path rootfs) {
        List<PasswdEntry> users = new ArrayList<>();
        for (String line : RootfsFiles.readLines(rootfs, "/etc/passwd").orElse(List.of())) {
            String[] f = fields(line);
            Long uid = f.length >= 4 ? id(f[2]) : null;
            Long gid = f.length >= 4 ? id(f[3]) : null;
            if (uid != null && gid != null && !f[0].isEmpty()) {
                users.add(new PasswdEntry(f[0], uid, gid));
            }
        }
        List<GroupEntry> groups = new ArrayList<>();
        for (String line : RootfsFiles.readLines(rootfs, "/etc/group").orElse(List.of())) {
            String[] f = fields(line);
            Long gid = f.length >= 3 ? id(f[2]) : null;
            if (gid != null && !f[0].isEmpty()) {
                List<String> members = f.length >= 4 && !f[3].isBlank()
                        ? List.of(f[3].trim().split("\\s*,\\s*")) : List.of();
                groups.add(new GroupEntry(f[0], gid, members));
            }
        }
        return new EtcFiles(users, groups);
    }

    Optional<PasswdEntry> userByName(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    Optional<PasswdEntry> userById(long uid) {
        return users.stream().filter(u -> u.uid() == uid).findFirst();
    }

    Optional<GroupEntry> groupByName(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The gids of the groups that list the user as a member (not its own same-named group). */
    List<Long> memberGids(String user) {
        return groups.stream()
                .filter(g -> !g.name().equals(user) && g.members().contains(user))
                .map(GroupEntry::gid)
                .toList();
    }

    private static String[] fields(String line) {
        String l = line.strip();
        return l.isEmpty() || l.startsWith("#") ? new String[0] : l.split(":", -1);
    }

    /** A valid id (0 .. 2^32-2), or null. */
    static Long id(String s) {
        try {
            long v = Long.parseLong(s.trim());
            return v >= 0 && v <= 0xFFFF_FFFEL ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
