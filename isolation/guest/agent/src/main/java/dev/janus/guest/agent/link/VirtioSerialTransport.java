package dev.janus.guest.agent.link;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The virtio-serial port QEMU exposes (/dev/vportNpM). It can be open only once, so one file
 * descriptor serves both directions for the agent's whole life. When no host is connected to
 * QEMU's socket, a read returns 0 bytes at once (the kernel's way to say so) and writes block;
 * the input below turns the first such read after data into end-of-session and then polls until
 * the next host writes.
 */
public final class VirtioSerialTransport implements AgentTransport {

    private static final long POLL_MILLIS = 50;

    private final Path device;
    private HostLink link;

    public VirtioSerialTransport(Path device) {
        this.device = device;
    }

    @Override
    public synchronized HostLink awaitLink() throws IOException {
        if (link == null) {
            RandomAccessFile port = new RandomAccessFile(device.toFile(), "rw");
            InputStream in = new PortInput(new FileInputStream(port.getFD()));
            OutputStream out = new FileOutputStream(port.getFD());
            link = new HostLink() {
                public InputStream in() {
                    return in;
                }

                public OutputStream out() {
                    return out;
                }

                public boolean outlivesSession() {
                    return true;
                }

                public void close() throws IOException {
                    port.close();
                }
            };
        }
        return link;
    }

    @Override
    public String describe() {
        return "virtio-serial port " + device;
    }

    private static final class PortInput extends InputStream {
        private final FileInputStream raw;
        private boolean sawData;

        PortInput(FileInputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n = raw.read(b, off, len);
                if (n > 0) {
                    sawData = true;
                    return n;
                }
                if (sawData) {
                    sawData = false;
                    return -1;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted waiting for a host");
                }
            }
        }
    }
}
