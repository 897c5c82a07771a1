package dev.janus.images.registry;

import dev.janus.images.ImageException;
import dev.janus.images.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one HTTP request, retrying with exponential backoff after 5xx, 429 and broken
 * connections. A refused connection, an unknown host or a TLS failure is not retried: the
 * caller moves on to the next endpoint instead of waiting on one that is not there.
 */
public final class RetryingSender {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingSender.class);

    private final RetryConfig retry;

    public RetryingSender(RetryConfig retry) {
        this.retry = retry;
    }

    /**
     * Returns the first response that is not 5xx or 429, or the last one when attempts run out
     * (the caller turns its status into an error). Throws UNAVAILABLE when no response came.
     */
    public HttpResponse<InputStream> send(HttpClient client, HttpRequest request) {
        IOException lastFailure = null;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (!retryable(response.statusCode()) || attempt >= retry.attempts()) {
                    return response;
                }
                LOG.debug("{} {} answered {}, retrying", request.method(), request.uri(), response.statusCode());
                Bodies.discard(response);
            } catch (IOException e) {
                lastFailure = e;
                if (!transientFailure(e) || attempt >= retry.attempts()) {
                    throw ImageException.unavailable(request.method() + " " + request.uri() + " failed: " + describe(e), e);
                }
                LOG.debug("{} {} failed ({}), retrying", request.method(), request.uri(), describe(e));
            } catch (UnresolvedAddressException e) {
                throw ImageException.unavailable("cannot resolve the host of " + request.uri(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ImageException.unavailable("interrupted while fetching " + request.uri(), e);
            }
            sleep(retry.backoffMillis(attempt), lastFailure);
        }
    }

    /** Backoff between attempts of a caller's own retry loop (blob resumption). */
    public void pause(int attempt) {
        sleep(retry.backoffMillis(attempt), null);
    }

    public int attempts() {
        return retry.attempts();
    }

    static boolean retryable(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    static boolean transientFailure(IOException e) {
        return !(e instanceof ConnectException) && !(e instanceof SSLException) && !(e.getCause() instanceof UnresolvedAddressException);
    }

    public static String describe(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        if (e instanceof ConnectException && (message == null || message.isBlank())) {
            return "connection refused";
        }
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    private static void sleep(long millis, IOException cause) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImageException.unavailable("interrupted while waiting to retry", cause);
        }
    }
}
