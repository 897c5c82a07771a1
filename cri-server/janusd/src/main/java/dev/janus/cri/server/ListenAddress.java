package dev.janus.cri.server;

import dev.janus.cri.errors.CriException;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Where janusd listens: {@code unix:///path} (the default) or {@code tcp://host:port}, which
 * must name a loopback address unless {@code allowRemote} is set: the CRI socket grants root.
 */
public record ListenAddress(Path unixPath, String host, int port) {

    public static ListenAddress parse(String spec, boolean allowRemote) {
        URI uri = URI.create(spec);
        switch (uri.getScheme() == null ? "" : uri.getScheme()) {
            case "unix" -> {
                String path = uri.getPath() == null || uri.getPath().isEmpty()
                        ? uri.getSchemeSpecificPart() : uri.getPath();
                return new ListenAddress(Path.of(path), null, 0);
            }
            case "tcp" -> {
                String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
                if (!allowRemote && !isLoopback(host)) {
                    throw CriException.invalid("refusing to listen on %s: the CRI socket grants root;"
                            + " use a loopback address", spec);
                }
                return new ListenAddress(null, host, uri.getPort());
            }
            default -> throw CriException.invalid("listen address %s: use unix:///path or tcp://host:port", spec);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean isUnix() {
        return unixPath != null;
    }

    public SocketAddress toSocketAddress() {
        return isUnix() ? SocketAddress.domainSocketAddress(unixPath.toString())
                : SocketAddress.inetSocketAddress(port, host);
    }

    @Override
    public String toString() {
        return isUnix() ? "unix://" + unixPath : "tcp://" + host + ":" + port;
    }
}
