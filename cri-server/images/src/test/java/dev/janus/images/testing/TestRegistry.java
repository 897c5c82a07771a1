package dev.janus.images.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real registry for tests: Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1
 * and a free port, storage in a temp directory, optionally behind htpasswd basic auth.
 * {@link #close} stops the process it started and removes the directory.
 */
public final class TestRegistry implements AutoCloseable {

    public static final String BINARY = "/usr/bin/docker-registry";

    private final Path dir;
    private final Process process;
    private final int port;
    private final String username;
    private final String password;
    private final boolean tls;
    /** Stops the registry if the JVM exits without {@link #close} (a test run ended by SIGTERM). */
    private final Thread reaper = new Thread(this::stopProcess, "test-registry-reaper");

    private TestRegistry(Path dir, Process process, int port, String username, String password, boolean tls) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.username = username;
        this.password = password;
        this.tls = tls;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(BINARY));
    }

    /** An anonymous registry. */
    public static TestRegistry start() {
        return start(null, null);
    }

    /** A registry that requires basic auth for {@code username}/{@code password} (null: anonymous). */
    public static TestRegistry start(String username, String password) {
        return start(username, password, false);
    }

    /** An anonymous registry serving HTTPS with a fresh self-signed certificate for 127.0.0.1 ({@link #caFile}). */
    public static TestRegistry startTls() {
        return start(null, null, true);
    }

    private static TestRegistry start(String username, String password, boolean tls) {
        Path dir;
        try {
            dir = Files.createTempDirectory("janus-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            try {
                if (tls && !Files.exists(dir.resolve("cert.pem"))) {
                    selfSignedCertificate(dir);
                }
                Process process = launch(dir, port, username, password, tls);
                TestRegistry registry = new TestRegistry(dir, process, port, username, password, tls);
                if (registry.awaitReady()) {
                    Runtime.getRuntime().addShutdownHook(registry.reaper);
                    return registry;
                }
                registry.stopProcess();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("docker-registry did not start; see " + dir.resolve("registry.log"), last);
    }

    /** {@code 127.0.0.1:PORT}, as written in image references. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public URI url() {
        return URI.create((tls ? "https://" : "http://") + address());
    }

    /** The certificate a TLS registry serves (it is its own CA). */
    public Path caFile() {
        return dir.resolve("cert.pem");
    }

    public int port() {
        return port;
    }

    /** A pusher that speaks to this registry (with its credentials, if it has any). */
    public RegistryPusher pusher() {
        return new RegistryPusher(url(), username, password, tls ? trusting(caFile()) : null);
    }

    public Path storage() {
        return dir.resolve("storage");
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never registered
        }
        stopProcess();
        TempDirs.delete(dir);
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process launch(Path dir, int port, String username, String password, boolean tls) throws IOException {
        StringBuilder yaml = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: \"").append(dir.resolve("storage")).append("\"\n")
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append("\n");
        if (tls) {
            yaml.append("  tls:\n    certificate: \"").append(dir.resolve("cert.pem"))
                    .append("\"\n    key: \"").append(dir.resolve("key.pem")).append("\"\n");
        }
        if (username != null) {
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, htpasswd(username, password));
            yaml.append("auth:\n  htpasswd:\n    realm: janus-test\n    path: \"").append(htpasswd).append("\"\n");
        }
        Path config = dir.resolve("registry-" + port + ".yml");
        Files.writeString(config, yaml.toString());
        ProcessBuilder pb = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()));
        pb.environment().clear(); // REGISTRY_* variables would override the config
        return pb.start();
    }

    /** A bcrypt entry, as the registry's htpasswd auth requires. */
    private static String htpasswd(String username, String password) throws IOException {
        Process p = new ProcessBuilder("htpasswd", "-Bbn", username, password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("htpasswd failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out + "\n";
    }

    private static void selfSignedCertificate(Path dir) throws IOException {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("openssl failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private boolean awaitReady() {
        if (tls) {
            return awaitPort();
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/v2/")).timeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                int status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (List.of(200, 401).contains(status)) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            sleep(100);
        }
        return false;
    }

    /** A TLS registry is ready once it accepts connections (its certificate is not trusted here). */
    private boolean awaitPort() {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                new Socket("127.0.0.1", port).close();
                return true;
            } catch (IOException e) {
                sleep(100);
            }
        }
        return false;
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("registry", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + pem, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
