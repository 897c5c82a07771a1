package dev.janus.isolation.p9.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code janus-9p}: the node's volume server, a process of its own that janusd starts and that
 * outlives it. A guest's 9P mount is only as alive as the server holding its fids (open
 * descriptors, byte-range locks), so it must not die with janusd, as conmon does not for runc
 * pods. janusd tells it what to share over {@code <dir>/control.sock}; it leaves once it has
 * served nothing for {@link #IDLE}.
 */
public final class VolumeServerMain {

    static final Duration IDLE = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(VolumeServerMain.class);

    private VolumeServerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--dir")) {
            System.err.println("usage: janus-9p --dir DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[1]));
        VolumeServer server = new VolumeServer();
        Path socket = dir.resolve("control.sock");
        Files.deleteIfExists(socket);
        try (ServerSocketChannel control = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            control.bind(UnixDomainSocketAddress.of(socket));
            Files.writeString(dir.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
            LOG.info("janus-9p serving control requests on {}", socket);
            Thread.ofPlatform().daemon().name("idle-watch").start(() -> exitWhenIdle(server, socket));
            while (true) {
                SocketChannel client = control.accept();
                Thread.ofVirtual().name("control").start(() -> serve(server, client));
            }
        }
    }

    private static void serve(VolumeServer server, SocketChannel client) {
        try (client; DataInputStream in = new DataInputStream(Channels.newInputStream(client));
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client))) {
            String command = in.readUTF();
            try {
                switch (command) {
                    case ControlProtocol.SHARE -> server.share(ShareRequest.read(in));
                    case ControlProtocol.UNSHARE -> server.unshare(in.readUTF(), in.readUTF());
                    case ControlProtocol.FORGET -> server.forgetVm(in.readUTF());
                    case ControlProtocol.LIST -> {
                        List<ShareRequest> shares = server.list();
                        out.writeUTF(ControlProtocol.OK);
                        out.writeInt(shares.size());
                        for (ShareRequest share : shares) {
                            share.write(out);
                        }
                        return;
                    }
                    default -> throw new IOException("unknown request " + command);
                }
                out.writeUTF(ControlProtocol.OK);
            } catch (IOException | RuntimeException e) {
                out.writeUTF(ControlProtocol.ERROR);
                out.writeUTF(String.valueOf(e.getMessage()));
            }
        } catch (IOException e) {
            LOG.debug("control connection: {}", e.getMessage());
        }
    }

    private static void exitWhenIdle(VolumeServer server, Path socket) {
        long idleSince = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                return;
            }
            if (server.size() > 0) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > IDLE.toNanos()) {
                LOG.info("janus-9p: nothing served for {} min; leaving", IDLE.toMinutes());
                try {
                    Files.deleteIfExists(socket);
                } catch (IOException ignored) {
                    // a new janus-9p binds it again
                }
                System.exit(0);
            }
        }
    }
}
