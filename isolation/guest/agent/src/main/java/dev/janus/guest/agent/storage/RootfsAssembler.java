package dev.janus.guest.agent.storage;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's rootfs: overlayfs with the layer disks as lower directories (topmost first, as
 * overlayfs lists them) and the upper and work directories on the scratch disk.
 */
public final class RootfsAssembler {

    /** overlayfs reads its options from one page. */
    private static final int MAX_OPTIONS = 4000;

    private final Mounts mounts;

    public RootfsAssembler(Mounts mounts) {
        this.mounts = mounts;
    }

    /** The directory on the scratch disk that holds a container's upper and work directories. */
    public static Path containerDir(Path scratch, String containerId) {
        return scratch.resolve("containers").resolve(containerId);
    }

    public void assemble(List<Path> lowers, Path scratch, String containerId, Path target) {
        try {
            Files.createDirectories(target);
            if (lowers.isEmpty()) {
                return;
            }
            Path dir = containerDir(scratch, containerId);
            Path upper = Files.createDirectories(dir.resolve("upper"));
            Path work = Files.createDirectories(dir.resolve("work"));
            String options = "lowerdir=" + String.join(":", lowers.stream().map(Path::toString).toList())
                    + ",upperdir=" + upper + ",workdir=" + work;
            if (options.length() > MAX_OPTIONS) {
                throw AgentException.invalid("%d layers make overlay options of %d bytes, more than the kernel reads",
                        lowers.size(), options.length());
            }
            mounts.mount("overlay", "overlay", target, List.of(options));
        } catch (IOException e) {
            throw AgentException.internal("cannot prepare the rootfs of " + containerId, e);
        }
    }

    /** Unmounts (lazily if busy: the VM's own processes may still hold it) and deletes the upper directory. */
    public void disassemble(Path target, Path scratch, String containerId) {
        try {
            mounts.unmount(target);
        } catch (AgentException e) {
            Log.warn("%s: %s; detaching it lazily", target, e.getMessage());
            mounts.unmountLazily(target);
        }
        if (scratch != null) {
            Trees.delete(containerDir(scratch, containerId));
        }
    }
}
