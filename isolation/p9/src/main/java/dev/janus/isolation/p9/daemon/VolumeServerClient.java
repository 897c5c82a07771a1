package dev.janus.isolation.p9.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * janusd's side of the volume server: it starts {@code janus-9p} when none answers (detached,
 * in a session of its own, so it outlives janusd) and sends it requests.
 */
public final class VolumeServerClient {

    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final Path dir;
    private final List<String> command;

    /**
     * @param dir the server's directory (control socket, pid file, log)
     * @param java the java launcher to start it with (janusd's own)
     * @param classPath a class path holding this module (janusd's jar)
     */
    public VolumeServerClient(Path dir, Path java, String classPath) {
        this.dir = dir;
        this.command = List.of("setsid", java.toString(), "-XX:+UseSerialGC", "-Xms4m", "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xshare:off", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, VolumeServerMain.class.getName(), "--dir", dir.toString());
    }

    public void share(ShareRequest request) throws IOException {
        call(ControlProtocol.SHARE, out -> request.write(out), in -> null);
    }

    public void unshare(String vmId, String aname) throws IOException {
        call(ControlProtocol.UNSHARE, out -> {
            out.writeUTF(vmId);
            out.writeUTF(aname);
        }, in -> null);
    }

    public void forgetVm(String vmId) throws IOException {
        call(ControlProtocol.FORGET, out -> out.writeUTF(vmId), in -> null);
    }

    public List<ShareRequest> list() throws IOException {
        return call(ControlProtocol.LIST, out -> { }, in -> {
            int count = in.readInt();
            List<ShareRequest> shares = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                shares.add(ShareRequest.read(in));
            }
            return shares;
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private <T> T call(String command, Writer request, Reader<T> reply) throws IOException {
        try (SocketChannel channel = connect();
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
                DataInputStream in = new DataInputStream(Channels.newInputStream(channel))) {
            out.writeUTF(command);
            request.write(out);
            out.flush();
            String status = in.readUTF();
            if (!status.equals(ControlProtocol.OK)) {
                throw new IOException("janus-9p: " + in.readUTF());
            }
            return reply.read(in);
        }
    }

    /** The control socket; the server started first when nothing listens on it. */
    private synchronized SocketChannel connect() throws IOException {
        Path socket = dir.resolve("control.sock");
        try {
            return open(socket);
        } catch (IOException notRunning) {
            start();
        }
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            try {
                return open(socket);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("janus-9p did not start; see " + dir.resolve("janus-9p.log"), e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted starting janus-9p", interrupted);
                }
            }
        }
    }

    private static SocketChannel open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private void start() throws IOException {
        Files.createDirectories(dir);
        new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("janus-9p.log").toFile()))
                .start();
    }
}
