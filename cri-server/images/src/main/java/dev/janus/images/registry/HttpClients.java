package dev.janus.images.registry;

import dev.janus.images.ImageException;
import dev.janus.images.registry.RegistryEndpoint.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One JDK HttpClient per TLS setting (system CAs, system CAs plus a CA file, or no
 * verification), shared by all pulls so connections are reused. Redirects are never followed
 * by the client: {@link RegistryHttp} follows them itself so credentials do not leak to
 * another host.
 */
public final class HttpClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final Map<TlsSettings, HttpClient> clients = new ConcurrentHashMap<>();

    public HttpClient forTls(TlsSettings tls) {
        return clients.computeIfAbsent(tls, HttpClients::create);
    }

    private static HttpClient create(TlsSettings tls) {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_2)
                .sslContext(sslContext(tls))
                .build();
    }

    private static SSLContext sslContext(TlsSettings tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (tls.skipVerify()) {
                context.init(null, new TrustManager[] {new TrustEverything()}, null);
            } else if (!tls.caFile().isEmpty()) {
                context.init(null, trustSystemAnd(Path.of(tls.caFile())), null);
            } else {
                return SSLContext.getDefault();
            }
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw ImageException.precondition("cannot set up TLS with CA file '" + tls.caFile() + "': " + e.getMessage());
        }
    }

    /** A trust store of the system's CAs plus the file's, so hostname checks stay the JDK's own. */
    private static TrustManager[] trustSystemAnd(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        int n = 0;
        for (TrustManager tm : system.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                for (X509Certificate ca : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + n++, ca);
                }
            }
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("file-" + n++, ca);
            }
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        return combined.getTrustManagers();
    }

    /** For registries marked insecure only: accepts any certificate and any host name. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
