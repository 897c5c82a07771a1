package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.uvm.agent.PortForwardStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PortBridgeTest {

    @Test
    void relaysBothWaysAndPassesHalfClosesOn() throws Exception {
        PipedInputStream guestReads = new PipedInputStream(1 << 16);
        PipedOutputStream toGuest = new PipedOutputStream(guestReads);
        PipedOutputStream guestWrites = new PipedOutputStream();
        PipedInputStream fromGuest = new PipedInputStream(guestWrites, 1 << 16);

        try (SocketChannel caller = PortBridge.open(new PortForwardStream(toGuest, fromGuest))) {
            assertTrue(caller.isConnected() && caller.isBlocking());
            assertTrue(((InetSocketAddress) caller.getRemoteAddress()).getAddress().isLoopbackAddress());

            caller.write(ByteBuffer.wrap("GET /\n".getBytes(StandardCharsets.UTF_8)));
            caller.shutdownOutput();
            assertEquals("GET /\n", new String(guestReads.readAllBytes(), StandardCharsets.UTF_8),
                    "the caller's half-close ends what the guest reads");

            guestWrites.write("200 OK\n".getBytes(StandardCharsets.UTF_8));
            guestWrites.close();
            ByteBuffer reply = ByteBuffer.allocate(64);
            while (caller.read(reply) >= 0) {
                // until the guest's end arrives as end of stream
            }
            assertEquals("200 OK\n", new String(reply.array(), 0, reply.position(), StandardCharsets.UTF_8));
        }
    }
}
