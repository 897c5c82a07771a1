package dev.janus.images.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A reverse proxy in front of a {@link TestRegistry} on 127.0.0.1, for what the registry itself
 * cannot do: the bearer token flow (it challenges with {@code WWW-Authenticate: Bearer realm,
 * service, scope}, serves tokens at {@code /token} for basic credentials or an identity token,
 * and checks them before forwarding), a mirror path prefix, and faults (5xx answers, broken
 * or corrupted blob bodies, throttling). It records every request it forwards.
 */
public final class RegistryProxy implements AutoCloseable {

    public static final String SERVICE = "janus-test-registry";

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    private volatile String prefix = "";
    private volatile String username;
    private volatile String password;
    private volatile String identityToken;
    private volatile Predicate<String> failWhere = p -> false;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failStatus = 503;
    private final AtomicInteger breaksLeft = new AtomicInteger();
    private volatile long breakAfterBytes;
    private volatile String corruptDigest;
    private final AtomicLong bytesPerSecond = new AtomicLong();

    private RegistryProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static RegistryProxy inFrontOf(TestRegistry registry) {
        try {
            return new RegistryProxy(registry.url());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://" + address());
    }

    /** Serve the registry under {@code /<prefix>/v2/...} (a mirror with a path). */
    public RegistryProxy withPrefix(String pathPrefix) {
        this.prefix = pathPrefix.startsWith("/") ? pathPrefix : "/" + pathPrefix;
        return this;
    }

    /** Require bearer tokens, issued for these basic credentials (null: for anyone). */
    public RegistryProxy withBearerAuth(String user, String pass) {
        this.username = user;
        this.password = pass;
        tokens.clear();
        return this;
    }

    /** Also issue tokens for this OAuth2 refresh token, POSTed as {@code grant_type=refresh_token}. */
    public RegistryProxy acceptingIdentityToken(String refreshToken) {
        this.identityToken = refreshToken;
        return this;
    }

    /** A token as if issued by the realm, to be given as the CRI registry token. */
    public String issueToken() {
        String token = UUID.randomUUID().toString();
        tokens.add(token);
        return token;
    }

    public void forgetTokens() {
        tokens.clear();
    }

    /** The next {@code count} requests whose path matches answer {@code status}. */
    public void fail(Predicate<String> path, int count, int status) {
        this.failWhere = path;
        this.failStatus = status;
        this.failuresLeft.set(count);
    }

    /** The next {@code count} blob bodies longer than {@code afterBytes} are cut after that many bytes. */
    public void breakBlobs(int count, long afterBytes) {
        this.breakAfterBytes = afterBytes;
        this.breaksLeft.set(count);
    }

    /** Flip one byte in the body of the blob with this digest, every time it is served. */
    public void corruptBlob(String digest) {
        this.corruptDigest = digest;
    }

    /** Blob bodies are sent at about this rate (0: no limit). */
    public void throttle(long bytesPerSecondLimit) {
        this.bytesPerSecond.set(bytesPerSecondLimit);
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public long count(Predicate<String> request) {
        return requests.stream().filter(request).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/token")) {
                token(exchange);
                return;
            }
            if (!path.startsWith(prefix + "/v2/") && !path.equals(prefix + "/v2")) {
                respond(exchange, 404, "not under " + prefix + "/v2/");
                return;
            }
            String registryPath = path.substring(prefix.length());
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(exchange.getRequestMethod() + " " + registryPath + (range == null ? "" : " " + range));
            if (username != null || identityToken != null) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                    challenge(exchange, registryPath);
                    return;
                }
            }
            if (failWhere.test(registryPath) && failuresLeft.getAndDecrement() > 0) {
                respond(exchange, failStatus, "injected failure");
                return;
            }
            forward(exchange, registryPath);
        }
    }

    private void challenge(HttpExchange exchange, String registryPath) throws IOException {
        String scope = "";
        for (String kind : List.of("/manifests/", "/blobs/")) {
            int at = registryPath.indexOf(kind);
            if (at > 4) {
                scope = ",scope=\"repository:" + registryPath.substring(4, at) + ":pull\"";
            }
        }
        exchange.getResponseHeaders().add("WWW-Authenticate",
                "Bearer realm=\"" + url() + "/token\",service=\"" + SERVICE + "\"" + scope);
        respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
    }

    private void token(HttpExchange exchange) throws IOException {
        boolean ok;
        if (exchange.getRequestMethod().equals("POST")) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ok = identityToken != null && form.contains("grant_type=refresh_token")
                    && form.contains("refresh_token=" + identityToken) && form.contains("service=" + SERVICE);
        } else {
            String query = exchange.getRequestURI().getRawQuery();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = username == null ? null : "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            ok = query != null && query.contains("service=" + SERVICE) && (expected == null || expected.equals(auth));
        }
        if (!ok) {
            respond(exchange, 401, "{\"details\":\"incorrect username or password\"}");
            return;
        }
        String token = issueToken();
        tokensIssued.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        respond(exchange, 200, "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":300}");
    }

    private void forward(HttpExchange exchange, String registryPath) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + registryPath + (query == null ? "" : "?" + query)))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        for (String header : List.of("Accept", "Range")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (String header : List.of("Content-Type", "Docker-Content-Digest", "Content-Range", "Accept-Ranges")) {
            response.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().add(header, v));
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), head || length == 0 ? -1 : Math.max(length, 0));
        if (head) {
            response.body().close();
            return;
        }
        boolean blob = registryPath.contains("/blobs/sha256:") && response.statusCode() / 100 == 2;
        boolean cut = blob && length > breakAfterBytes && breaksLeft.getAndDecrement() > 0;
        long cutAt = cut ? breakAfterBytes : Long.MAX_VALUE;
        boolean corrupt = blob && corruptDigest != null && registryPath.endsWith(corruptDigest);
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            copy(in, out, blob ? bytesPerSecond.get() : 0, cutAt, corrupt);
        }
    }

    private static void copy(InputStream in, OutputStream out, long rate, long cutAt, boolean corrupt) throws IOException {
        byte[] buffer = new byte[32 * 1024];
        long sent = 0;
        long start = System.nanoTime();
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (corrupt && sent == 0) {
                buffer[0] ^= 0x01;
            }
            if (sent + n > cutAt) {
                out.write(buffer, 0, (int) (cutAt - sent));
                out.flush();
                throw new IOException("proxy: connection cut after " + cutAt + " bytes (injected)");
            }
            out.write(buffer, 0, n);
            sent += n;
            if (rate > 0) {
                long due = start + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
