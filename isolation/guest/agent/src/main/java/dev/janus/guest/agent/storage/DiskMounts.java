package dev.janus.guest.agent.storage;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.protocol.ops.MountDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The disks the agent mounted, by serial: read-only layers and the writable scratch disk, each
 * at {@code <state>/disks/<serial>}.
 */
public final class DiskMounts {

    /** A mounted disk. */
    public record Mounted(String serial, Path device, Path mountPoint, boolean readOnly) {
    }

    private final DiskLookup lookup;
    private final Mounts mounts;
    private final Path root;
    private final Map<String, Mounted> bySerial = new ConcurrentHashMap<>();

    public DiskMounts(DiskLookup lookup, Mounts mounts, Path stateDir) {
        this.lookup = lookup;
        this.mounts = mounts;
        this.root = stateDir.resolve("disks");
    }

    public synchronized MountDisk.Reply mount(MountDisk.Request request) {
        String serial = request.serial();
        if (!DiskLookup.SERIAL.matcher(serial).matches()) {
            throw AgentException.invalid("disk serial %s: letters, digits, '.', '_', '-' only", serial);
        }
        Mounted existing = bySerial.get(serial);
        if (existing != null) {
            if (existing.readOnly() != request.readOnly()) {
                throw AgentException.precondition("disk %s is already mounted %s", serial,
                        existing.readOnly() ? "read-only" : "read-write");
            }
            return new MountDisk.Reply(existing.device().toString(), existing.mountPoint().toString());
        }
        long waitMillis = request.waitMillis() > 0 ? request.waitMillis() : 10_000;
        Path device = lookup.await(serial, Duration.ofMillis(waitMillis));
        Path target = root.resolve(serial);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw AgentException.internal("cannot make " + target, e);
        }
        List<String> options = new ArrayList<>();
        options.add(request.readOnly() ? "ro" : "rw");
        options.addAll(request.options());
        String fsType = request.fsType().isEmpty() ? "ext4" : request.fsType();
        mounts.mount(fsType, device.toString(), target, options);
        Mounted mounted = new Mounted(serial, device, target, request.readOnly());
        bySerial.put(serial, mounted);
        Log.info("mounted disk %s (%s) at %s %s", serial, device, target, request.readOnly() ? "ro" : "rw");
        return new MountDisk.Reply(device.toString(), target.toString());
    }

    /** The mount of a disk a container needs; FAILED_PRECONDITION if it was not mounted. */
    public Mounted require(String serial, boolean writable) {
        Mounted mounted = bySerial.get(serial);
        if (mounted == null) {
            throw AgentException.precondition("disk %s is not mounted (MOUNT_DISK first)", serial);
        }
        if (writable && mounted.readOnly()) {
            throw AgentException.precondition("disk %s is mounted read-only; the scratch disk must be writable", serial);
        }
        return mounted;
    }

    public synchronized void unmount(String serial) {
        Mounted mounted = bySerial.get(serial);
        if (mounted == null) {
            return;
        }
        mounts.unmount(mounted.mountPoint());
        bySerial.remove(serial);
        try {
            Files.deleteIfExists(mounted.mountPoint());
        } catch (IOException e) {
            Log.warn("cannot remove %s: %s", mounted.mountPoint(), e.getMessage());
        }
        Log.info("unmounted disk %s", serial);
    }

    public List<String> serials() {
        return List.copyOf(bySerial.keySet());
    }
}
