package dev.janus.isolation.p9.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A share the volume server is asked to serve: which VM, by what name (the guest's aname), on
 * which channel ({@link ShareChannel#prepare}: QEMU's unix socket of the share's virtio-serial
 * port, or {@code hvsock:<VM id>:<service id>} under Hyper-V), of which host path.
 *
 * @param file empty for a directory; else {@code hostPath} is a file's directory and the share
 *     reaches that one file
 * @param hostMounts mounts the host makes under the directory later are seen (CRI's
 *     host-to-container and bidirectional propagation); else the view is the one at sharing time
 */
public record ShareRequest(String vmId, String aname, String channel, String hostPath, boolean readOnly,
        boolean devices, String file, boolean hostMounts) {

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(vmId);
        out.writeUTF(aname);
        out.writeUTF(channel);
        out.writeUTF(hostPath);
        out.writeBoolean(readOnly);
        out.writeBoolean(devices);
        out.writeUTF(file);
        out.writeBoolean(hostMounts);
    }

    static ShareRequest read(DataInputStream in) throws IOException {
        return new ShareRequest(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readBoolean(),
                in.readBoolean(), in.readUTF(), in.readBoolean());
    }
}
