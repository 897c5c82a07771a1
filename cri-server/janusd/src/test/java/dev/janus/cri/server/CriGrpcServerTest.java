package dev.janus.cri.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.janus.cri.api.RuntimeServiceGrpc;
import dev.janus.cri.api.VersionRequest;
import dev.janus.cri.api.VersionResponse;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CriGrpcServerTest {

    private final List<Context> callContexts = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private CriGrpcServer server;
    private ManagedChannel channel;

    /** Answers Version, noting each call's gRPC context. */
    private final class RecordingService extends RuntimeServiceGrpc.RuntimeServiceImplBase {
        @Override
        public void version(VersionRequest request, StreamObserver<VersionResponse> observer) {
            callContexts.add(Context.current());
            observer.onNext(VersionResponse.newBuilder().setRuntimeName("test").build());
            observer.onCompleted();
        }
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = new CriGrpcServer(vertx, ListenAddress.parse("tcp://127.0.0.1:0", false));
        server.start(List.of(new RecordingService()), 4 << 20);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.actualPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        vertx.close().await();
    }

    @Test
    void callsWithKubeletsTimeoutLeaveNoTimerBehind() {
        // kubelet sends a two-minute timeout on every call; a timer per call would hold each
        // finished call for those two minutes
        var stub = RuntimeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.MINUTES);
        for (int i = 0; i < 20; i++) {
            assertEquals("test", stub.version(VersionRequest.getDefaultInstance()).getRuntimeName());
        }
        assertEquals(20, callContexts.size());
        for (Context context : callContexts) {
            assertNull(context.getDeadline(), "no deadline timer is armed for a call");
        }
    }
}
