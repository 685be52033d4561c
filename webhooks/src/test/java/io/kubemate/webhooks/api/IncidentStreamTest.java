package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.KubemateHttpServer;
import io.kubemate.webhooks.http.TestEdge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event stream over a real server and client: initial list, live changes, resume, limits and shutdown. */
class IncidentStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final IncidentIndex index = new IncidentIndex();
    private final List<SseConnection> connections = new ArrayList<>();
    private KubemateHttpServer server;

    @AfterEach
    void stop() throws IOException {
        for (SseConnection connection : connections) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void startsWithTheCurrentListThenSendsEachChangeWithIncreasingIds() throws Exception {
        try (TestEdge edge = new TestEdge()) {
            edge.index.upsert(TestEdge.incident(1, IncidentStatus.OPEN, 1));
            SseConnection stream = SseConnection.open(edge.server.port());
            connections.add(stream);

            SseConnection.Event reset = stream.nextData(WAIT);
            edge.index.upsert(TestEdge.incident(2, IncidentStatus.OPEN, 2));
            var acknowledge = edge.postJson("/api/v1/incidents/inc-0000000000000001/acknowledge", new byte[0]);
            SseConnection.Event first = stream.nextData(WAIT);
            SseConnection.Event second = stream.nextData(WAIT);

            assertThat(acknowledge.statusCode()).isEqualTo(200);
            assertThat(stream.response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(ids(JSON.readTree(reset.data()).get("items"))).containsExactly("inc-0000000000000001");
            assertThat(first.event()).isEqualTo("incident");
            assertThat(JSON.readTree(first.data()).get("id").asText()).isEqualTo("inc-0000000000000002");
            JsonNode acknowledged = JSON.readTree(second.data());
            assertThat(acknowledged.get("status").asText()).isEqualTo("acknowledged");
            assertThat(acknowledged.get("version").asLong()).isEqualTo(2);
            assertThat(Long.parseLong(first.id())).isEqualTo(Long.parseLong(reset.id()) + 1);
            assertThat(Long.parseLong(second.id())).isEqualTo(Long.parseLong(first.id()) + 1);
        }
    }

    @Test
    void aClientResumingWithLastEventIdGetsExactlyTheEventsItMissed() throws Exception {
        start(IncidentStreamSettings.defaults());
        SseConnection first = open();
        String seen = first.nextData(WAIT).id();
        first.close();

        index.upsert(TestEdge.incident(1, IncidentStatus.OPEN, 1));
        index.upsert(TestEdge.incident(2, IncidentStatus.OPEN, 2));
        SseConnection resumed = open("Last-Event-ID", seen);
        SseConnection.Event missed1 = resumed.nextData(WAIT);
        SseConnection.Event missed2 = resumed.nextData(WAIT);
        index.upsert(TestEdge.incident(3, IncidentStatus.OPEN, 3));
        SseConnection.Event live = resumed.nextData(WAIT);

        assertThat(List.of(missed1.event(), missed2.event(), live.event()))
                .containsExactly("incident", "incident", "incident");
        assertThat(List.of(idOf(missed1), idOf(missed2), idOf(live)))
                .containsExactly("inc-0000000000000001", "inc-0000000000000002", "inc-0000000000000003");
    }

    @Test
    void aClientTooFarBehindOrWithAForeignIdGetsAResetWithTheCurrentList() throws Exception {
        start(new IncidentStreamSettings(8, Duration.ofSeconds(15), 3));
        SseConnection first = open();
        String seen = first.nextData(WAIT).id();
        first.close();
        for (int n = 1; n <= 5; n++) {
            index.upsert(TestEdge.incident(n, IncidentStatus.OPEN, n));
        }

        SseConnection behind = open("Last-Event-ID", seen);
        SseConnection foreign = open("Last-Event-ID", "not-an-id");
        SseConnection future = open("Last-Event-ID", Long.toString(Long.parseLong(seen) + 1_000));
        SseConnection.Event reset = behind.nextData(WAIT);

        assertThat(reset.event()).isEqualTo("reset");
        assertThat(ids(JSON.readTree(reset.data()).get("items"))).hasSize(5);
        assertThat(Long.parseLong(reset.id())).isEqualTo(Long.parseLong(seen) + 5);
        assertThat(foreign.nextData(WAIT).event()).isEqualTo("reset");
        assertThat(future.nextData(WAIT).event()).isEqualTo("reset");
    }

    @Test
    void anIdleStreamSendsHeartbeatComments() throws Exception {
        start(new IncidentStreamSettings(8, Duration.ofMillis(200), 16));
        SseConnection stream = open();
        stream.nextData(WAIT);

        SseConnection.Event idle = stream.next(WAIT);

        assertThat(idle.data()).isNull();
        assertThat(idle.comments()).containsExactly("keepalive");
    }

    @Test
    void streamsBeyondTheLimitAreRefusedWith503() throws Exception {
        start(new IncidentStreamSettings(1, Duration.ofSeconds(15), 16));
        SseConnection first = open();
        first.nextData(WAIT);

        SseConnection second = open();

        assertThat(second.response.statusCode()).isEqualTo(503);
        assertThat(second.response.headers().firstValue("Retry-After")).contains("5");
        assertThat(second.response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void closingTheServerEndsOpenStreamsWithoutWaitingForTheDrain() throws Exception {
        start(IncidentStreamSettings.defaults());
        SseConnection stream = open();
        stream.nextData(WAIT);

        long started = System.nanoTime();
        CompletableFuture.runAsync(server::close).get(8, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        server = null;

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(stream.endsWithin(WAIT)).isTrue();
    }

    @Test
    void theStreamNeedsTheApiTokenWhenOneIsSet() throws Exception {
        server = KubemateHttpServer.builder(
                        HttpSettings.defaults()
                                .withHost("127.0.0.1")
                                .withPort(0)
                                .withApiToken("s3cret"),
                        new AlertmanagerWebhookParser(Clock.systemUTC()),
                        alerts -> {},
                        index,
                        action -> {},
                        new PrometheusRegistry())
                .build()
                .start();

        SseConnection without = open();
        SseConnection with = open("Authorization", "Bearer s3cret");

        assertThat(without.response.statusCode()).isEqualTo(401);
        assertThat(with.response.statusCode()).isEqualTo(200);
        assertThat(with.nextData(WAIT).event()).isEqualTo("reset");
    }

    private void start(IncidentStreamSettings settings) {
        server = KubemateHttpServer.builder(
                        HttpSettings.defaults().withHost("127.0.0.1").withPort(0),
                        new AlertmanagerWebhookParser(Clock.systemUTC()),
                        alerts -> {},
                        index,
                        action -> {},
                        new PrometheusRegistry())
                .incidentStream(index, settings)
                .build()
                .start();
    }

    private SseConnection open(String... headers) throws IOException, InterruptedException {
        SseConnection connection = SseConnection.open(server.port(), headers);
        connections.add(connection);
        return connection;
    }

    private static String idOf(SseConnection.Event event) throws IOException {
        return JSON.readTree(event.data()).get("id").asText();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
