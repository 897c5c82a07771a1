package dev.janus.cri.server;

import io.grpc.stub.StreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a unary CRI call off the event loop: verbs start processes and touch disks, so each runs
 * on its own virtual thread, and the answer is handed back on the call's Vert.x context, where
 * the gRPC bridge expects its writes.
 */
public final class BlockingCalls {

    private static final Logger LOG = LoggerFactory.getLogger(BlockingCalls.class);
    private static final ExecutorService WORKERS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cri-", 0).factory());

    private BlockingCalls() {
    }

    public static <T> void run(String method, StreamObserver<T> observer, Supplier<T> verb) {
        Context context = Vertx.currentContext();
        WORKERS.execute(() -> {
            T response;
            try {
                response = verb.get();
            } catch (Throwable failure) {
                reply(context, () -> observer.onError(StatusMapping.toStatus(method, failure)));
                return;
            }
            reply(context, () -> {
                observer.onNext(response);
                observer.onCompleted();
            });
        });
    }

    /**
     * Answers on the calling event loop, for verbs that only read janusd's memory (lists and
     * statuses): hopping to a worker and back would cost more than the verb itself.
     */
    public static <T> void inline(String method, StreamObserver<T> observer, Supplier<T> verb) {
        T response;
        try {
            response = verb.get();
        } catch (Throwable failure) {
            observer.onError(StatusMapping.toStatus(method, failure));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    static void reply(Context context, Runnable action) {
        if (context == null) {
            answer(action);
        } else {
            context.runOnContext(ignored -> answer(action));
        }
    }

    /** A client that gave up (deadline, cancel) has no stream left to answer on: not janusd's fault. */
    private static void answer(Runnable action) {
        try {
            action.run();
        } catch (IllegalStateException gone) {
            LOG.debug("no answer sent: {}", gone.getMessage());
        }
    }
}
