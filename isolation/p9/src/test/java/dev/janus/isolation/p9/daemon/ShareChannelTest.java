package dev.janus.isolation.p9.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.hvsock.HvSocketAddress;
import dev.janus.isolation.hvsock.WinSock;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The channel of a share: QEMU's port socket connected at once, a Hyper-V service listened on. */
class ShareChannelTest {

    /** hvsock's loopback VM id: a Windows host reaches its own listeners through it. */
    private static final UUID LOOPBACK = UUID.fromString("e0e16197-dd56-4a10-9195-5ee7a155a838");
    private static final UUID SERVICE = UUID.fromString("40001001-facb-11e6-bd58-64006a7986d3");

    @Test
    void aPathIsQemusPortSocketConnectedWhenTheShareIsMade(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("port.sock");
        try (ServerSocketChannel qemu = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            qemu.bind(UnixDomainSocketAddress.of(path));
            ShareChannel channel = ShareChannel.prepare(path.toString());
            try (SocketChannel guestSide = qemu.accept()) {
                ByteChannel stream = channel.open();
                stream.write(ByteBuffer.wrap(new byte[] {9, 'P'}));
                ByteBuffer got = ByteBuffer.allocate(2);
                guestSide.read(got);
                assertArrayEquals(new byte[] {9, 'P'}, got.array());
            } finally {
                channel.close();
            }
        }
        IOException gone = assertThrows(IOException.class, () -> ShareChannel.prepare(dir.resolve("none").toString()));
        assertTrue(gone.getMessage().startsWith("cannot connect to "), gone.getMessage());
    }

    @Test
    void aMalformedHvsockAddressIsRefusedByName() {
        for (String bad : new String[] {"hvsock:", "hvsock:not-a-guid:" + SERVICE, "hvsock:" + LOOPBACK}) {
            IOException e = assertThrows(IOException.class, () -> ShareChannel.prepare(bad));
            assertEquals("an hvsock channel is hvsock:<VM id>:<service id>, not " + bad, e.getMessage());
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void hvsockIsAWindowsHostsOnly() {
        IOException e = assertThrows(IOException.class,
                () -> ShareChannel.prepare("hvsock:" + LOOPBACK + ":" + SERVICE));
        assertEquals("hvsock channels exist on a Windows host only (no ws2_32.dll here)", e.getMessage());
    }

    /** On Windows: janus-9p listens, a client dials the service as a guest would, bytes pass. */
    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsTheShareListensAndTheGuestsConnectionIsServed() throws Exception {
        ShareChannel channel = ShareChannel.prepare("hvsock:" + LOOPBACK + ":" + SERVICE);
        assertInstanceOf(ShareChannel.Listening.class, channel);
        WinSock ws = WinSock.load();
        long client = ws.socket(WinSock.AF_HYPERV, WinSock.SOCK_STREAM, WinSock.HV_PROTOCOL_RAW);
        byte[] address = HvSocketAddress.encode(LOOPBACK, SERVICE);
        Thread dial = Thread.ofVirtual().start(() -> assertEquals(0, ws.connect(client, address, address.length)));
        try {
            ByteChannel served = channel.open();
            dial.join();
            assertEquals(2, ws.send(client, new byte[] {9, 'P'}, 2, 0));
            ByteBuffer got = ByteBuffer.allocate(2);
            served.read(got);
            assertArrayEquals(new byte[] {9, 'P'}, got.array());
        } finally {
            channel.close();
            ws.closesocket(client);
        }
    }
}
