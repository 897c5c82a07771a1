package dev.janus.cri.server;

import dev.janus.cri.api.ContainerEventResponse;
import dev.janus.cri.events.ContainerEvents;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One GetContainerEvents stream: events are written on the call's Vert.x context; the
 * subscription ends when the client cancels.
 */
final class EventStream {

    private EventStream() {
    }

    static void open(ContainerEvents events, StreamObserver<ContainerEventResponse> observer) {
        Context context = Vertx.currentContext();
        Runnable unsubscribe = events.subscribe(event -> BlockingCalls.reply(context, () -> observer.onNext(event)));
        if (observer instanceof ServerCallStreamObserver<ContainerEventResponse> server) {
            server.setOnCancelHandler(unsubscribe::run);
            server.setOnCloseHandler(unsubscribe::run);
        }
    }
}
