package dev.janus.guest.agent.storage;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.sys.NativeOps;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * QEMU: a virtio-serial port and the two pipes between it and the kernel's 9p client, with the
 * platform threads that copy. The kernel cannot write to a port itself (virtio_console has no
 * write_iter), so the mount gets the pipes' ends.
 */
final class PortRelay implements ShareTransport {

    private static final int CHUNK = 256 * 1024;
    private final int kernelReads;
    private final int kernelWrites;
    private final NativeOps natives;
    private final RandomAccessFile port;
    private final int[] toKernel;
    private final int[] fromKernel;
    private volatile boolean closed;

    private PortRelay(NativeOps natives, RandomAccessFile port, int[] toKernel, int[] fromKernel) {
        this.natives = natives;
        this.port = port;
        this.toKernel = toKernel;
        this.fromKernel = fromKernel;
        this.kernelReads = toKernel[0];
        this.kernelWrites = fromKernel[1];
    }

    /** A port is open once at a time: one descriptor for both directions. */
    static PortRelay open(NativeOps natives, Path device, String name) {
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
            PortRelay relay = new PortRelay(natives, port, toKernel, fromKernel);
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

    @Override
    public int kernelReads() {
        return kernelReads;
    }

    @Override
    public int kernelWrites() {
        return kernelWrites;
    }

    /** After mount(2): the kernel holds its ends, ours go. */
    @Override
    public void kernelHasItsEnds() {
        natives.close(toKernel[0]);
        natives.close(fromKernel[1]);
    }

    @Override
    public void close() {
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
