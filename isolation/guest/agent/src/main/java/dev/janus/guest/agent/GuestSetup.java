package dev.janus.guest.agent;

import dev.janus.guest.agent.containers.ContainerService;
import dev.janus.guest.agent.net.NetworkSetup;
import dev.janus.guest.agent.session.Dispatcher;
import dev.janus.guest.agent.storage.DiskMounts;
import dev.janus.guest.agent.storage.ShareMounts;
import dev.janus.guest.agent.sys.GuestFiles;
import dev.janus.guest.agent.sys.Sysctls;
import dev.janus.guest.protocol.Op;
import java.nio.file.Path;
import dev.janus.guest.protocol.ops.ConfigureNetwork;
import dev.janus.guest.protocol.ops.MountDisk;
import dev.janus.guest.protocol.ops.MountShare;
import dev.janus.guest.protocol.ops.SetSysctls;
import dev.janus.guest.protocol.ops.UnmountDisk;
import dev.janus.guest.protocol.ops.UnmountShare;
import dev.janus.guest.protocol.ops.WriteFile;

/** WRITE_FILE, MOUNT_DISK, UNMOUNT_DISK, MOUNT_SHARE, UNMOUNT_SHARE, CONFIGURE_NETWORK, SET_SYSCTLS: making the VM the pod's. */
final class GuestSetup {

    private final DiskMounts disks;
    private final NetworkSetup network;
    private final ContainerService containers;
    private final ShareMounts shares;
    private final Sysctls sysctls = new Sysctls(Path.of("/proc/sys"));

    GuestSetup(DiskMounts disks, NetworkSetup network, ContainerService containers, ShareMounts shares) {
        this.disks = disks;
        this.network = network;
        this.containers = containers;
        this.shares = shares;
    }

    void register(Dispatcher dispatcher) {
        dispatcher.register(Op.WRITE_FILE, WriteFile.Request.class, (q, s) -> {
            GuestFiles.write(GuestFiles.checked(q.path()), q.content(), q.mode());
            return new WriteFile.Reply();
        });
        dispatcher.register(Op.MOUNT_DISK, MountDisk.Request.class, (q, s) -> disks.mount(q));
        dispatcher.register(Op.UNMOUNT_DISK, UnmountDisk.Request.class, (q, s) -> {
            if (containers.uses(q.serial())) {
                throw AgentException.precondition("disk %s is in use by a container", q.serial());
            }
            disks.unmount(q.serial());
            return new UnmountDisk.Reply();
        });
        dispatcher.register(Op.CONFIGURE_NETWORK, ConfigureNetwork.Request.class, (q, s) -> network.configure(q));
        dispatcher.register(Op.MOUNT_SHARE, MountShare.Request.class, (q, s) -> shares.mount(q));
        dispatcher.register(Op.UNMOUNT_SHARE, UnmountShare.Request.class, (q, s) -> {
            shares.unmount(q.target());
            return new UnmountShare.Reply();
        });
        dispatcher.register(Op.SET_SYSCTLS, SetSysctls.Request.class, (q, s) -> {
            sysctls.set(q.sysctls());
            return new SetSysctls.Reply();
        });
    }
}
