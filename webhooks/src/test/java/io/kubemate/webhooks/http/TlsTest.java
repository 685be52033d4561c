package io.kubemate.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS on the edge with a keystore made by the JDK's keytool; a client trusting that certificate only. */
class TlsTest {
    private static final String PASSWORD = "test-keystore-pass";

    @TempDir
    Path dir;

    @Test
    void theEdgeServesHttpsOnlyWithTheConfiguredCertificate() throws Exception {
        Path keystore = keystore();
        try (KubemateHttpServer server = KubemateHttpServer.builder(
                        HttpSettings.defaults().withHost("127.0.0.1").withPort(0),
                        new AlertmanagerWebhookParser(Clock.systemUTC()),
                        alerts -> {},
                        new IncidentIndex(),
                        action -> {},
                        new PrometheusRegistry())
                .tls(new TlsSettings(keystore, PASSWORD))
                .build()
                .start()) {
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(trusting(keystore))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

            HttpResponse<String> https = trusting.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(https.statusCode()).isEqualTo(200);
            assertThat(https.sslSession()).hasValueSatisfying(session -> assertThat(session.getProtocol())
                    .isIn("TLSv1.3", "TLSv1.2"));

            HttpClient plain = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpRequest cleartext = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            // no plain HTTP beside it: Jetty answers a cleartext request on a TLS port with 400 or drops it
            try {
                assertThat(plain.send(cleartext, HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(400);
            } catch (IOException refused) {
                assertThat(refused).isNotNull();
            }
            HttpClient untrusting = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            assertThatThrownBy(() -> untrusting.send(
                            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aMissingKeystoreIsRefusedAndThePasswordNeverShown() {
        assertThatThrownBy(() -> new TlsSettings(dir.resolve("absent.p12"), PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absent.p12");
        assertThat(new TlsSettings(dir, PASSWORD).toString()).doesNotContain(PASSWORD);
    }

    private Path keystore() throws Exception {
        Path keystore = dir.resolve("kubemate.p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "kubemate",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        PASSWORD))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(new String(process.getInputStream().readAllBytes()))
                .isZero();
        return keystore;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
