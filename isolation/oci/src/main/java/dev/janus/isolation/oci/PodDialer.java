package dev.janus.isolation.oci;

import com.sun.jna.LastErrorException;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Opens TCP connections to the loopback of a pod's network namespace. A socket belongs to the
 * namespace of the thread that creates it, so a platform thread of its own (never a virtual
 * thread, which could change carriers; never a pooled one, which a failed return would leave in
 * the pod) enters the pod's namespace with setns, creates and connects the socket, goes back and
 * ends. The connected socket stays in the pod's namespace; reading and writing it works from any
 * thread. IPv4 loopback first, then IPv6, as containerd does.
 */
final class PodDialer {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    SocketChannel dial(Path netns, int port) {
        CompletableFuture<SocketChannel> connected = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("netns-dial-" + port).stackSize(256 * 1024).start(() -> {
            try {
                connected.complete(dialInside(netns, port));
            } catch (Throwable e) {
                connected.completeExceptionally(e);
            }
        });
        try {
            return connected.get();
        } catch (InterruptedException e) {
            connected.thenAccept(PodDialer::closeQuietly);
            Thread.currentThread().interrupt();
            throw CriException.internal("interrupted while connecting to port " + port, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CriException cri) {
                throw cri;
            }
            throw CriException.internal("cannot connect to port " + port + " in " + netns + ": " + e.getCause(),
                    e.getCause());
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nobody uses it
        }
    }

    private static SocketChannel dialInside(Path netns, int port) {
        LibC libc = LibC.INSTANCE;
        int home = libc.open("/proc/thread-self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            int target;
            try {
                target = libc.open(netns.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
            } catch (LastErrorException e) {
                throw CriException.precondition("the network namespace %s is gone (errno %d)", netns, e.getErrorCode());
            }
            try {
                libc.setns(target, LibC.CLONE_NEWNET);
                SocketChannel channel = null;
                try {
                    channel = connect(port);
                } finally {
                    try {
                        goHome(home);
                    } catch (IllegalStateException e) {
                        if (channel != null) {
                            closeQuietly(channel);
                        }
                        throw e;
                    }
                }
                return channel;
            } finally {
                libc.close(target);
            }
        } finally {
            libc.close(home);
        }
    }

    /** The thread ends right after, so a failed return only loses the connection. */
    private static void goHome(int home) {
        try {
            LibC.INSTANCE.setns(home, LibC.CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot return to janusd's network namespace (errno "
                    + e.getErrorCode() + ")");
        }
    }

    private static SocketChannel connect(int port) {
        try {
            return connect(StandardProtocolFamily.INET, InetAddress.getByName("127.0.0.1"), port);
        } catch (IOException ipv4) {
            try {
                return connect(StandardProtocolFamily.INET6, InetAddress.getByName("::1"), port);
            } catch (IOException ipv6) {
                throw CriException.unavailable("cannot connect to localhost:%d in the pod's network: %s", port,
                        ipv4.getMessage());
            }
        }
    }

    private static SocketChannel connect(ProtocolFamily family, InetAddress address, int port) throws IOException {
        SocketChannel channel = SocketChannel.open(family);
        try {
            channel.socket().connect(new InetSocketAddress(address, port), (int) CONNECT_TIMEOUT.toMillis());
            channel.socket().setTcpNoDelay(true);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
