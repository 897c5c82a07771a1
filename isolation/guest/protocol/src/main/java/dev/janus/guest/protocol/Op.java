package dev.janus.guest.protocol;

import dev.janus.guest.protocol.ops.AttachContainer;
import dev.janus.guest.protocol.ops.ConfigureNetwork;
import dev.janus.guest.protocol.ops.ContainerStats;
import dev.janus.guest.protocol.ops.CreateContainer;
import dev.janus.guest.protocol.ops.DeleteContainer;
import dev.janus.guest.protocol.ops.Exec;
import dev.janus.guest.protocol.ops.Hello;
import dev.janus.guest.protocol.ops.ListContainers;
import dev.janus.guest.protocol.ops.MountDisk;
import dev.janus.guest.protocol.ops.MountShare;
import dev.janus.guest.protocol.ops.Ping;
import dev.janus.guest.protocol.ops.PortForward;
import dev.janus.guest.protocol.ops.ResizeTty;
import dev.janus.guest.protocol.ops.SetSysctls;
import dev.janus.guest.protocol.ops.Shutdown;
import dev.janus.guest.protocol.ops.SignalProcess;
import dev.janus.guest.protocol.ops.StartContainer;
import dev.janus.guest.protocol.ops.SyncTime;
import dev.janus.guest.protocol.ops.UnmountDisk;
import dev.janus.guest.protocol.ops.UnmountShare;
import dev.janus.guest.protocol.ops.UpdateResources;
import dev.janus.guest.protocol.ops.WaitContainer;
import dev.janus.guest.protocol.ops.WriteFile;
import java.util.Optional;

/**
 * The operations of protocol version 1: code, request and reply records. Codes are forever: a
 * new operation takes a new code (and a new protocol version); one retired keeps its code unused.
 */
public enum Op {
    HELLO(1, Hello.Request.class, Hello.Reply.class),
    PING(2, Ping.Request.class, Ping.Reply.class),
    SYNC_TIME(3, SyncTime.Request.class, SyncTime.Reply.class),
    WRITE_FILE(4, WriteFile.Request.class, WriteFile.Reply.class),
    MOUNT_DISK(5, MountDisk.Request.class, MountDisk.Reply.class),
    UNMOUNT_DISK(6, UnmountDisk.Request.class, UnmountDisk.Reply.class),
    CONFIGURE_NETWORK(7, ConfigureNetwork.Request.class, ConfigureNetwork.Reply.class),
    CREATE_CONTAINER(8, CreateContainer.Request.class, CreateContainer.Reply.class),
    START_CONTAINER(9, StartContainer.Request.class, StartContainer.Reply.class),
    ATTACH_CONTAINER(10, AttachContainer.Request.class, AttachContainer.Reply.class),
    SIGNAL_PROCESS(11, SignalProcess.Request.class, SignalProcess.Reply.class),
    WAIT_CONTAINER(12, WaitContainer.Request.class, WaitContainer.Reply.class),
    DELETE_CONTAINER(13, DeleteContainer.Request.class, DeleteContainer.Reply.class),
    LIST_CONTAINERS(14, ListContainers.Request.class, ListContainers.Reply.class),
    EXEC(15, Exec.Request.class, Exec.Reply.class),
    RESIZE_TTY(16, ResizeTty.Request.class, ResizeTty.Reply.class),
    CONTAINER_STATS(17, ContainerStats.Request.class, ContainerStats.Reply.class),
    PORT_FORWARD(18, PortForward.Request.class, PortForward.Reply.class),
    SHUTDOWN(19, Shutdown.Request.class, Shutdown.Reply.class),
    UPDATE_RESOURCES(20, UpdateResources.Request.class, UpdateResources.Reply.class),
    SET_SYSCTLS(21, SetSysctls.Request.class, SetSysctls.Reply.class),
    MOUNT_SHARE(22, MountShare.Request.class, MountShare.Reply.class),
    UNMOUNT_SHARE(23, UnmountShare.Request.class, UnmountShare.Reply.class);

    private final int code;
    private final Class<? extends Record> request;
    private final Class<? extends Record> reply;

    Op(int code, Class<? extends Record> request, Class<? extends Record> reply) {
        this.code = code;
        this.request = request;
        this.reply = reply;
    }

    public int code() {
        return code;
    }

    public Class<? extends Record> requestType() {
        return request;
    }

    public Class<? extends Record> replyType() {
        return reply;
    }

    /** Empty for a code this build does not know (the agent answers UNIMPLEMENTED). */
    public static Optional<Op> ofCode(int code) {
        for (Op op : values()) {
            if (op.code == code) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** The operation whose request type this is. */
    public static Op ofRequest(Class<?> type) {
        for (Op op : values()) {
            if (op.request == type) {
                return op;
            }
        }
        throw new IllegalArgumentException(type + " is no request of the protocol");
    }
}
