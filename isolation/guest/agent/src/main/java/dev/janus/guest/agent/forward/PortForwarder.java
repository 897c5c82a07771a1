package dev.janus.guest.agent.forward;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.session.AgentSession;
import dev.janus.guest.agent.session.Dispatcher;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.ops.PortForward;
import dev.janus.guest.protocol.stream.InboundStream;
import dev.janus.guest.protocol.stream.OutboundStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PORT_FORWARD: a TCP connection to 127.0.0.1:port in the guest, relayed over two streams. Each
 * direction's end is passed on as a half-close, so request/response protocols finish cleanly.
 * Pods share the VM's network namespace, so the guest's loopback is the pod's.
 */
public final class PortForwarder {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    public void register(Dispatcher dispatcher) {
        dispatcher.register(Op.PORT_FORWARD, PortForward.Request.class, this::forward);
    }

    private PortForward.Reply forward(PortForward.Request request, AgentSession session) {
        if (request.port() <= 0 || request.port() > 65535 || request.toGuest() == 0 || request.fromGuest() == 0) {
            throw AgentException.invalid("port forward to %d needs a port and two streams", request.port());
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", request.port()), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(socket);
            throw AgentException.unavailable("cannot connect to port %d in the guest: %s", request.port(), e.getMessage());
        }
        InboundStream toGuest = session.endpoint().openInbound(request.toGuest());
        OutboundStream fromGuest = session.endpoint().openOutbound(request.fromGuest());
        Runnable forget = session.onEnd(() -> closeQuietly(socket));
        AtomicInteger open = new AtomicInteger(2);
        Runnable oneDone = () -> {
            if (open.decrementAndGet() == 0) {
                closeQuietly(socket);
                forget.run();
            }
        };
        Thread.ofVirtual().name("forward-in-" + request.port()).start(() -> {
            try (InputStream in = toGuest) {
                in.transferTo(socket.getOutputStream());
                socket.shutdownOutput();
            } catch (IOException e) {
                Log.debug("port %d, host to guest: %s", request.port(), e.getMessage());
                closeQuietly(socket);
            } finally {
                oneDone.run();
            }
        });
        Thread.ofVirtual().name("forward-out-" + request.port()).start(() -> {
            try (OutputStream out = fromGuest) {
                socket.getInputStream().transferTo(out);
            } catch (IOException e) {
                Log.debug("port %d, guest to host: %s", request.port(), e.getMessage());
                closeQuietly(socket);
            } finally {
                oneDone.run();
            }
        });
        return new PortForward.Reply();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
