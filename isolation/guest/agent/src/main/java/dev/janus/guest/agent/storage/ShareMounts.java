package dev.janus.guest.agent.storage;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.sys.NativeOps;
import dev.janus.guest.protocol.ops.MountShare;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 9P shares of the pod, mounted from the node's volume server (janus-9p). The guest kernel's
 * 9p client takes two descriptors it can read and write (trans=fd): under QEMU a relay to the
 * share's virtio-serial port ({@link PortRelay}: the kernel cannot write to a port), under
 * Hyper-V a vsock socket to the host ({@link VsockShareSocket}).
 */
public final class ShareMounts {

    public static final Path ROOT = Path.of("/run/janus-volumes");
    private static final long MS_RDONLY = 1;
    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;

    private final NativeOps natives;
    private final Path virtioPorts;
    private final Path dev;
    private final Path root;
    private final Map<Path, ShareTransport> mounted = new ConcurrentHashMap<>();

    public ShareMounts(NativeOps natives) {
        this(natives, Path.of("/sys/class/virtio-ports"), Path.of("/dev"), ROOT);
    }

    /** @param root where mounts go: {@link #ROOT} in the guest */
    ShareMounts(NativeOps natives, Path virtioPorts, Path dev, Path root) {
        this.natives = natives;
        this.virtioPorts = virtioPorts;
        this.dev = dev;
        this.root = root;
    }

    public MountShare.Reply mount(MountShare.Request request) {
        Path target = target(request.target());
        if (mounted.containsKey(target)) {
            throw AgentException.exists("a share is mounted at %s already", target);
        }
        ShareTransport transport = request.vsockPort() > 0
                ? VsockShareSocket.connect(natives, request.vsockPort(), request.waitMillis())
                : PortRelay.open(natives, awaitPort(request.port(), request.waitMillis()), request.port());
        try {
            Files.createDirectories(target);
            String data = "trans=fd,rfdno=" + transport.kernelReads() + ",wfdno=" + transport.kernelWrites()
                    + ",version=9p2000.L,access=client,msize=" + request.msize() + ",cache=" + cacheMode(request.cache())
                    + ",aname=" + aname(request.aname());
            long flags = MS_NOSUID | MS_NODEV | (request.readOnly() ? MS_RDONLY : 0);
            natives.mount("janus:" + request.aname(), target, "9p", flags, data);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e instanceof AgentException a ? a
                    : AgentException.internal("cannot mount share " + request.aname() + " at " + target, e);
        }
        transport.kernelHasItsEnds();
        mounted.put(target, transport);
        Log.info("mounted share %s at %s%s", request.aname(), target, request.readOnly() ? " (read-only)" : "");
        return new MountShare.Reply();
    }

    public void unmount(String target) {
        Path path = target(target);
        ShareTransport transport = mounted.remove(path);
        if (transport == null) {
            return;
        }
        try {
            natives.unmount(path);
        } catch (IOException e) {
            Log.warn("unmount of %s: %s", path, e.getMessage());
        }
        transport.close();
        Log.info("unmounted share at %s", path);
    }

    private Path target(String target) {
        Path path = Path.of(target);
        if (!path.isAbsolute() || !path.normalize().equals(path) || !path.startsWith(root) || path.equals(root)) {
            throw AgentException.invalid("a share is mounted under %s, not at %s", root, target);
        }
        return path;
    }

    private static String cacheMode(String cache) {
        if (!cache.matches("none|mmap|loose|fscache|readahead")) {
            throw AgentException.invalid("9p cache mode %s", cache);
        }
        return cache;
    }

    private static String aname(String aname) {
        if (!aname.matches("[A-Za-z0-9._-]{1,64}")) {
            throw AgentException.invalid("share name %s", aname);
        }
        return aname;
    }

    /** The port's device, once the hot-added port shows up under its name. */
    private Path awaitPort(String name, long waitMillis) {
        long deadline = System.nanoTime() + Math.max(0, waitMillis) * 1_000_000;
        while (true) {
            Optional<Path> found = findPort(name);
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw AgentException.notFound("no virtio-serial port named %s", name);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AgentException.unavailable("interrupted waiting for port %s", name);
            }
        }
    }

    Optional<Path> findPort(String name) {
        try (DirectoryStream<Path> ports = Files.newDirectoryStream(virtioPorts, "vport*")) {
            for (Path port : ports) {
                try {
                    if (Files.readString(port.resolve("name")).strip().equals(name)) {
                        return Optional.of(dev.resolve(port.getFileName().toString()));
                    }
                } catch (NoSuchFileException e) {
                    // unplugged while we looked
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
