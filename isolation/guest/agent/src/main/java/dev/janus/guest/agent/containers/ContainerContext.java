package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.session.EventSink;
import dev.janus.guest.agent.storage.DiskMounts;
import dev.janus.guest.agent.storage.RootfsAssembler;
import dev.janus.guest.agent.sys.Busybox;
import dev.janus.guest.agent.sys.NativeOps;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/** What the container operations share. */
record ContainerContext(ContainerRegistry registry, RuntimeCli runtime, Launcher launcher, DiskMounts disks,
        RootfsAssembler rootfs, Path bundles, Path cgroupRoot, EventSink events, NativeOps natives,
        Busybox busybox, LongSupplier currentSession) {
}
