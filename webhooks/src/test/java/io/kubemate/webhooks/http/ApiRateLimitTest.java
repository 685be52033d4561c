package io.kubemate.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-token API rate limit over real HTTP: a burst passes, then 429 problem+json with Retry-After; refused tokens
 * count against their address.
 */
class ApiRateLimitTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final KubemateHttpServer server = KubemateHttpServer.builder(
                    HttpSettings.defaults()
                            .withHost("127.0.0.1")
                            .withPort(0)
                            .withApiTokens(List.of(
                                    new ApiToken("ops", EnumSet.of(ApiScope.READ), "ops-secret"),
                                    new ApiToken("grafana", EnumSet.of(ApiScope.READ), "grafana-secret"))),
                    new AlertmanagerWebhookParser(Clock.systemUTC()),
                    alerts -> {},
                    new IncidentIndex(),
                    action -> {},
                    new PrometheusRegistry())
            .apiRateLimit(1)
            .build()
            .start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTokenOverItsRateGets429WithRetryAfterWhileAnotherTokenIsServed() throws Exception {
        // a burst of twice the rate passes (a third may pass if a second ticks by meanwhile)
        assertThat(get("ops-secret").statusCode()).isEqualTo(200);
        assertThat(get("ops-secret").statusCode()).isEqualTo(200);
        HttpResponse<String> limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            HttpResponse<String> response = get("ops-secret");
            if (response.statusCode() == 429) {
                limited = response;
            }
        }

        assertThat(limited).as("a 429 within 7 requests at 1/s").isNotNull();
        assertThat(limited.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.body()).contains("too-many-requests").doesNotContain("ops-secret");
        assertThat(get("grafana-secret").statusCode()).isEqualTo(200);
        assertThat(client.send(
                                HttpRequest.newBuilder(URI.create(base() + "/healthz"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("health is never limited")
                .isEqualTo(200);
    }

    @Test
    void guessingTokensIsLimitedByAddressWithoutStarvingAKnownToken() throws Exception {
        HttpResponse<String> limited = null;
        for (int i = 0; i < 7 && limited == null; i++) {
            HttpResponse<String> response = get("guess-" + i);
            assertThat(response.statusCode()).isIn(401, 429);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }

        assertThat(limited).as("a 429 within 7 wrong tokens at 1/s").isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.body()).doesNotContain("guess-");
        assertThat(get("ops-secret").statusCode())
                .as("a known token has its own bucket")
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String token) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/incidents"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }
}
