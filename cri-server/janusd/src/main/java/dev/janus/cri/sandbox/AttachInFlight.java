package dev.janus.cri.sandbox;

import dev.janus.isolation.PodNetworkAttach;
import dev.janus.networking.PodNetworkStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** A pod network attach running on its own virtual thread while the sandbox starts. */
final class AttachInFlight implements PodNetworkAttach {

    private final CompletableFuture<PodNetworkStatus> result = new CompletableFuture<>();

    private AttachInFlight() {
    }

    static AttachInFlight start(String sandboxId, Supplier<PodNetworkStatus> attach) {
        AttachInFlight inFlight = new AttachInFlight();
        Thread.ofVirtual().name("attach-" + sandboxId.substring(0, 12)).start(() -> {
            try {
                inFlight.result.complete(attach.get());
            } catch (Throwable failure) {
                inFlight.result.completeExceptionally(failure);
            }
        });
        return inFlight;
    }

    @Override
    public PodNetworkStatus await() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Waits for the attach to end however it ends: undoing it must not race it. */
    void awaitEnd() {
        result.exceptionally(failure -> null).join();
    }
}
