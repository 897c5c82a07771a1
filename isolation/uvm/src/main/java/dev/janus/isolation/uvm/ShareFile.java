package dev.janus.isolation.uvm;

import java.util.List;

/**
 * One 9P share of a VM pod, as {@code <vm dir>/shares.json} records it: the host directory (and
 * for a file mount the one file of it), where the guest mounted it, the port it is served on,
 * and the containers that bind it. A restarted janusd takes it back from here.
 *
 * @param aname the share's name on the volume server and in the guest's mount
 * @param file empty for a directory share, else the name of the one file it reaches
 * @param target the guest's mount point
 * @param hostMounts mounts the host makes later under the directory are seen (propagation
 *     host-to-container or bidirectional); else the host's mounts as they were at sharing
 */
record ShareFile(String aname, String port, int vsockPort, String hostDir, String file, boolean readOnly,
        boolean devices, String target, List<String> users, boolean hostMounts) {

    ShareFile {
        file = file == null ? "" : file;
        users = List.copyOf(users == null ? List.of() : users);
    }

    boolean serves(String dir, String name, boolean ro, boolean mounts) {
        return hostDir.equals(dir) && file.equals(name) && readOnly == ro && hostMounts == mounts;
    }

    /** Where a container binds it from: the mount point, or the one file in it. */
    String guestSource() {
        return file.isEmpty() ? target : target + "/" + file;
    }

    ShareFile withUser(String containerId) {
        if (users.contains(containerId)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(users);
        more.add(containerId);
        return new ShareFile(aname, port, vsockPort, hostDir, file, readOnly, devices, target, more, hostMounts);
    }

    ShareFile withoutUser(String containerId) {
        return new ShareFile(aname, port, vsockPort, hostDir, file, readOnly, devices, target,
                users.stream().filter(u -> !u.equals(containerId)).toList(), hostMounts);
    }
}
