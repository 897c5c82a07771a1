package dev.janus.isolation.p9;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.p9.daemon.ShareRequest;
import dev.janus.isolation.p9.daemon.VolumeServerClient;
import dev.janus.isolation.p9.wire.P9;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * janus-9p as janusd uses it: started on the first request, a process of its own that keeps
 * serving when the client that started it is gone (janusd restarting), and that a new client
 * finds with its shares.
 */
class VolumeServerIT {

    @TempDir
    Path dir;

    @AfterEach
    void stopServer() throws Exception {
        Path pid = dir.resolve("server/pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private VolumeServerClient client() {
        return new VolumeServerClient(dir.resolve("server"), Path.of(ProcessHandle.current().info().command()
                .orElseThrow()), System.getProperty("java.class.path"));
    }

    @Test
    void aShareOutlivesTheClientThatMadeItAndGoesWhenUnshared() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path volume = Files.createDirectories(dir.resolve("volume"));
        Path channel = dir.resolve("vm-channel.sock");
        try (ServerSocketChannel qemu = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            qemu.bind(UnixDomainSocketAddress.of(channel));
            ShareRequest request = new ShareRequest("vm1", "v1", channel.toString(), volume.toString(), false, false, "", false);
            client().share(request);
            try (SocketChannel guest = qemu.accept(); P9TestClient p9 = P9TestClient.over(guest)) {
                VolumeServerClient restarted = client();
                assertEquals(List.of(request), restarted.list(), "a new janusd finds the share");
                p9.version(65536, P9.VERSION);
                p9.attach(1, 0, "v1");
                p9.lcreate(1, "from-the-guest", 2, 0644, 0);
                p9.write(1, 0, "kept".getBytes(StandardCharsets.UTF_8));
                assertEquals("kept", Files.readString(volume.resolve("from-the-guest")));

                restarted.unshare("vm1", "v1");
                assertEquals(List.of(), restarted.list());
                assertTrue(guest.read(ByteBuffer.allocate(1)) < 0, "the server hung up the share's channel");
            }
        }
    }
}
