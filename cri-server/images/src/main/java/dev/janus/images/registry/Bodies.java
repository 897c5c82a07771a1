package dev.janus.images.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Reading or dropping small response bodies (errors, tokens) without trusting their size. */
final class Bodies {

    private Bodies() {
    }

    static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(64 * 1024);
        } catch (IOException ignored) {
            // the connection is dropped instead of reused; nothing else to do
        }
    }

    /** At most {@code limit} bytes; the rest is dropped. */
    static byte[] read(HttpResponse<InputStream> response, int limit) throws IOException {
        try (InputStream in = response.body()) {
            return in.readNBytes(limit);
        }
    }

    static String text(HttpResponse<InputStream> response, int limit) {
        try {
            return new String(read(response, limit), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
