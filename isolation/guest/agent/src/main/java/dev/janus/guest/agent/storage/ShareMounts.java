package dev.janus.guest.agent.storage;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.sys.NativeOps;
import dev.janus.guest.protocol.ops.MountShare;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 9P shares of the pod, mounted from janusd's server. The guest kernel's 9p client takes
 * two descriptors it can read and write (trans=fd), and a virtio-serial port is not one (it
 * cannot be written from the kernel), so each mount gets a relay: two pipes, whose kernel ends
 * the mount holds, and two platform threads copying between their other ends and the port.
 */
public final class ShareMounts {

    public static final Path ROOT = Path.of("/run/janus-volumes");
    private static final long MS_RDONLY = 1;
    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final int CHUNK = 256 * 1024;

    private final NativeOps natives;
    private final Path virtioPorts;
    private final Path dev;
    private final Map<Path, Relay> mounted = new ConcurrentHashMap<>();

    public ShareMounts(NativeOps natives) {
        this(natives, Path.of("/sys/class/virtio-ports"), Path.of("/dev"));
    }

    ShareMounts(NativeOps natives, Path virtioPorts, Path dev) {
        this.natives = natives;
        this.virtioPorts = virtioPorts;
        this.dev = dev;
    }

    public MountShare.Reply mount(MountShare.Request request) {
        Path target = target(request.target());
        if (mounted.containsKey(target)) {
            throw AgentException.exists("a share is mounted at %s already", target);
        }
        Path port = awaitPort(request.port(), request.waitMillis());
        Relay relay = Relay.open(natives, port, request.port());
        try {
            Files.createDirectories(target);
            String data = "trans=fd,rfdno=" + relay.kernelReads + ",wfdno=" + relay.kernelWrites
                    + ",version=9p2000.L,access=client,msize=" + request.msize() + ",cache=" + cacheMode(request.cache())
                    + ",aname=" + aname(request.aname());
            long flags = MS_NOSUID | MS_NODEV | (request.readOnly() ? MS_RDONLY : 0);
            natives.mount("janus:" + request.aname(), target, "9p", flags, data);
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e instanceof AgentException a ? a
                    : AgentException.internal("cannot mount share " + request.aname() + " at " + target, e);
        }
        relay.kernelHasItsEnds();
        mounted.put(target, relay);
        Log.info("mounted share %s at %s%s", request.aname(), target, request.readOnly() ? " (read-only)" : "");
        return new MountShare.Reply();
    }

    public void unmount(String target) {
        Path path = target(target);
        Relay relay = mounted.remove(path);
        if (relay == null) {
            return;
        }
        try {
            natives.unmount(path);
        } catch (IOException e) {
            Log.warn("unmount of %s: %s", path, e.getMessage());
        }
        relay.close();
        Log.info("unmounted share at %s", path);
    }

    private static Path target(String target) {
        Path path = Path.of(target);
        if (!path.isAbsolute() || !path.normalize().equals(path) || !path.startsWith(ROOT) || path.equals(ROOT)) {
            throw AgentException.invalid("a share is mounted under %s, not at %s", ROOT, target);
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

    /** A port and the two pipes between it and the kernel's 9p client, with the threads that copy. */
    private static final class Relay {
        final int kernelReads;
        final int kernelWrites;
        private final NativeOps natives;
        private final RandomAccessFile port;
        private final int[] toKernel;
        private final int[] fromKernel;
        private volatile boolean closed;

        private Relay(NativeOps natives, RandomAccessFile port, int[] toKernel, int[] fromKernel) {
            this.natives = natives;
            this.port = port;
            this.toKernel = toKernel;
            this.fromKernel = fromKernel;
            this.kernelReads = toKernel[0];
            this.kernelWrites = fromKernel[1];
        }

        /** A port is open once at a time: one descriptor for both directions. */
        static Relay open(NativeOps natives, Path device, String name) {
            RandomAccessFile port;
            try {
                port = new RandomAccessFile(device.toFile(), "rw");
            } catch (IOException e) {
                throw AgentException.internal("cannot open port " + name, e);
            }
            int[] toKernel = null;
            try {
                toKernel = natives.pipe();
                int[] fromKernel = natives.pipe();
                Relay relay = new Relay(natives, port, toKernel, fromKernel);
                relay.start(name);
                return relay;
            } catch (IOException | RuntimeException e) {
                if (toKernel != null) {
                    natives.close(toKernel[0]);
                    natives.close(toKernel[1]);
                }
                try {
                    port.close();
                } catch (IOException ignored) {
                    // failing already
                }
                throw AgentException.internal("cannot relay port " + name, e instanceof Exception x ? x
                        : new IOException(e));
            }
        }

        private void start(String name) throws IOException {
            FileDescriptor fd = port.getFD();
            copy("9p-in-" + name, new FileInputStream(fd), natives.outputOf(toKernel[1]), true);
            copy("9p-out-" + name, natives.inputOf(fromKernel[0]), new FileOutputStream(fd), false);
        }

        /**
         * Copies until the relay closes. A port reads as end of file while no host is connected
         * to it (the server reconnecting): that pauses the copy, it does not end it.
         */
        private void copy(String name, InputStream from, OutputStream to, boolean fromPort) {
            Thread.ofPlatform().daemon().name(name).start(() -> {
                byte[] buffer = new byte[CHUNK];
                try {
                    while (!closed) {
                        int n = from.read(buffer);
                        if (n > 0) {
                            to.write(buffer, 0, n);
                            to.flush();
                        } else if (fromPort) {
                            Thread.sleep(20);
                        } else {
                            return;
                        }
                    }
                } catch (IOException e) {
                    if (!closed) {
                        Log.warn("relay %s stopped: %s", name, e.getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** After mount(2): the kernel holds its ends, ours go. */
        void kernelHasItsEnds() {
            natives.close(toKernel[0]);
            natives.close(fromKernel[1]);
        }

        void close() {
            closed = true;
            try {
                port.close();
            } catch (IOException ignored) {
                // the relay threads end on the closed port
            }
            natives.close(toKernel[1]);
            natives.close(fromKernel[0]);
        }
    }
}
