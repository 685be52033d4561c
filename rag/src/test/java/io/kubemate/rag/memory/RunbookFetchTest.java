package io.kubemate.rag.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubemate.core.incident.Incident;
import io.kubemate.rag.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunbookFetchTest {
    private static final String POOL = "# Connection pool\nIntro.\n\n## Mitigation\nRaise maximumPoolSize.\n";

    private final ExactVectorStore store = new ExactVectorStore(WordHashEmbedder.DIMENSION);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pool.md", exchange -> respond(exchange, "text/markdown; charset=utf-8", POOL));
        server.createContext(
                "/page.html",
                exchange -> respond(
                        exchange,
                        "text/html",
                        """
                <html><head><title>x</title><style>body{}</style></head><body>
                <h2>Disk full</h2><script>steal()</script><p>Expand the PVC &amp; clean WAL.</p>
                <ul><li>check archive</li></ul></body></html>"""));
        server.createContext("/binary", exchange -> respond(exchange, "application/octet-stream", "MZ..."));
        server.createContext("/redirect", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", base + "/pool.md");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            hits.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
                respond(exchange, "text/plain", "late");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/big", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            byte[] line = "drain the node and check the kubelet logs\n".getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50_000; i++) {
                    out.write(line);
                }
            } catch (IOException expected) {
                // the client stops reading at its cap
            }
        });
        server.setExecutor(executor);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void indexesAnAllowedRunbookAndRefetchesOnlyAfterTheTtl() {
        Runbooks runbooks = runbooks(settings());
        String url = base + "/pool.md";

        assertThat(runbooks.indexLinked(linking(url))).isEqualTo(1);
        assertThat(runbooks.indexLinked(linking(url))).isZero();
        assertThat(hits).hasValue(1);
        assertThat(store.ids()).containsExactly("runbook:" + url + "#0", "runbook:" + url + "#1");
        assertThat(store.get("runbook:" + url + "#1").metadata())
                .containsEntry("kind", "runbook")
                .containsEntry("url", url)
                .containsEntry("source", url + "#Connection pool > Mitigation");

        clock.advance(Duration.ofMinutes(16));

        assertThat(runbooks.indexLinked(linking(url)))
                .as("same content, not re-embedded")
                .isZero();
        assertThat(hits).hasValue(2);
    }

    @Test
    void fetchesNothingUnlessTheHostIsAllowed() {
        Runbooks byDefault = runbooks(RunbookSettings.of(null));
        Runbooks otherHost = runbooks(RunbookSettings.of(null).withAllowedHosts(Set.of("wiki.example.org")));

        assertThat(byDefault.indexLinked(linking(base + "/pool.md"))).isZero();
        assertThat(otherHost.indexLinked(linking(base + "/pool.md"))).isZero();
        assertThat(hits).hasValue(0);
        assertThat(store.count()).isZero();
    }

    @Test
    void allowsOnlyHttpOnListedHostsWithoutUserInfo() {
        Runbooks runbooks = runbooks(RunbookSettings.of(null).withAllowedHosts(Set.of(".example.org", "127.0.0.1")));

        assertThat(runbooks.allowed("https://wiki.example.org/rb.md")).isPresent();
        assertThat(runbooks.allowed("http://127.0.0.1:8080/rb.md")).isPresent();
        assertThat(runbooks.allowed("https://example.org.evil.com/rb.md")).isEmpty();
        assertThat(runbooks.allowed("https://user@wiki.example.org/rb.md")).isEmpty();
        assertThat(runbooks.allowed("file:///etc/passwd")).isEmpty();
        assertThat(runbooks.allowed("ftp://127.0.0.1/rb.md")).isEmpty();
        assertThat(runbooks.allowed("not a url")).isEmpty();
    }

    @Test
    void givesUpOnASlowServerAtTheTimeout() {
        Runbooks runbooks = runbooks(limited(Duration.ofMillis(300)));

        int indexed =
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> runbooks.indexLinked(linking(base + "/slow")));

        assertThat(indexed).isZero();
        assertThat(hits).hasValue(1);
        assertThat(store.count()).isZero();
    }

    @Test
    void cutsTheBodyAtTheSizeCap() {
        Runbooks runbooks = runbooks(limited(Duration.ofSeconds(5)));

        assertThat(runbooks.indexLinked(linking(base + "/big"))).isEqualTo(1);

        int stored = store.ids().stream()
                .mapToInt(id -> store.get(id).text().length())
                .sum();
        assertThat(stored).isPositive().isLessThanOrEqualTo(4096);
    }

    @Test
    void turnsHtmlIntoTextWithoutScripts() {
        Runbooks runbooks = runbooks(settings());

        runbooks.indexLinked(linking(base + "/page.html"));

        assertThat(store.ids()).hasSize(1);
        String text = store.get(store.ids().get(0)).text();
        assertThat(text).startsWith("Disk full\n").contains("Expand the PVC & clean WAL.", "- check archive");
        assertThat(text).doesNotContain("steal", "<", "body{}");
    }

    @Test
    void neitherFollowsRedirectsNorAcceptsBinaries() {
        Runbooks runbooks = runbooks(settings());

        assertThat(runbooks.indexLinked(linking(base + "/redirect"))).isZero();
        assertThat(runbooks.indexLinked(linking(base + "/binary"))).isZero();

        assertThat(hits).hasValue(2);
        assertThat(store.count()).isZero();
    }

    /** Loopback allowed, 4 KiB at most, {@code timeout} for the whole fetch. */
    private static RunbookSettings limited(Duration timeout) {
        return new RunbookSettings(Optional.empty(), Set.of("127.0.0.1"), timeout, 4096, Duration.ofMinutes(15), 800);
    }

    private RunbookSettings settings() {
        return RunbookSettings.of(null).withAllowedHosts(Set.of("127.0.0.1"));
    }

    private Runbooks runbooks(RunbookSettings settings) {
        return new Runbooks(store, new WordHashEmbedder(), s -> s, settings, clock);
    }

    private static Incident linking(String url) {
        return Incidents.incident(
                "linking",
                "an incident",
                List.of("svc"),
                List.of(Incidents.alert(Map.of("alertname", "X"), Map.of("runbook_url", url))));
    }

    private void respond(HttpExchange exchange, String type, String body) throws IOException {
        hits.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
