package dev.janus.cri.server;

import io.grpc.BindableService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpcio.server.GrpcIoServer;
import io.vertx.grpcio.server.GrpcIoServiceBridge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The CRI gRPC endpoint: RuntimeService and ImageService over HTTP/2 on one listener. */
public final class CriGrpcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CriGrpcServer.class);

    private static final String GRPC_TIMEOUT = "grpc-timeout";

    private final Vertx vertx;
    private final ListenAddress address;
    private HttpServer http;

    public CriGrpcServer(Vertx vertx, ListenAddress address) {
        this.vertx = vertx;
        this.address = address;
    }

    public void start(List<BindableService> services, int maxMessageBytes) {
        GrpcIoServer grpc = GrpcIoServer.server(vertx,
                new GrpcServerOptions().setMaxMessageSize(maxMessageBytes));
        services.forEach(service -> GrpcIoServiceBridge.bridge(service).bind(grpc));
        prepareSocketPath();
        http = vertx.createHttpServer(new HttpServerOptions()
                        .setInitialSettings(new io.vertx.core.http.Http2Settings()
                                .setMaxFrameSize(1 << 20)))
                .connectionHandler(SocketPathAuthority::install)
                .requestHandler(request -> {
                    dropDeadline(request);
                    grpc.handle(request);
                });
        http.listen(address.toSocketAddress()).await();
        if (address.isUnix()) {
            restrictSocket();
        }
        LOG.info("serving CRI on {}", address);
    }

    /**
     * Vert.x's grpc-java bridge (5.0.7) arms a timer for each call's {@code grpc-timeout} and never
     * cancels it, and kubelet sends a two-minute timeout on every call: each finished call (its
     * stream, headers and response) stayed reachable for two minutes, and a fast list loop ran
     * the heap out. The deadline stays the client's: grpc clients cancel the stream when it
     * passes, and the cancel reaches the call.
     */
    private static void dropDeadline(HttpServerRequest request) {
        request.headers().remove(GRPC_TIMEOUT);
    }

    /** A socket file left by a janusd that died would make bind fail. */
    private void prepareSocketPath() {
        if (!address.isUnix()) {
            return;
        }
        try {
            Files.createDirectories(address.unixPath().getParent());
            Files.deleteIfExists(address.unixPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare socket " + address, e);
        }
    }

    /** Only root and the socket's group may talk to the runtime. */
    private void restrictSocket() {
        try {
            Files.setPosixFilePermissions(address.unixPath(), PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the mode of " + address, e);
        }
    }

    /** The port a tcp listener got (useful when 0 was asked). */
    public int actualPort() {
        return http == null ? -1 : http.actualPort();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close().await();
        }
        if (address.isUnix()) {
            try {
                Files.deleteIfExists(address.unixPath());
            } catch (IOException e) {
                LOG.warn("cannot remove socket {}: {}", address, e.getMessage());
            }
        }
    }
}
