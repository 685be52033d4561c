package io.kubemate.streams.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.streams.errors.FailurePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceGraphTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String SPANS = "kubemate.spans";
    private static final String GRAPH = "kubemate.service-graph";
    private static final ServiceGraphSettings SETTINGS = ServiceGraphSettings.defaults();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpanRecord> spans;
    private TestOutputTopic<String, ServiceEdge> graph;
    /** Every record published, in order; null values are tombstones. */
    private final List<KeyValue<String, ServiceEdge>> published = new ArrayList<>();

    private Instant wall = T0;

    private void start(ServiceGraphSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        new ServiceGraphTopology(SPANS, GRAPH, settings).addTo(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "kubemate-graph-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(FailurePolicy.streamsConfig("kubemate.dead-letter"));
        driver = new TopologyTestDriver(builder.build(), props, T0);
        spans = driver.createInputTopic(SPANS, new StringSerializer(), new JsonSerde<>(SpanRecord.class).serializer());
        graph = driver.createOutputTopic(
                GRAPH, new StringDeserializer(), new JsonSerde<>(ServiceEdge.class).deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private static SpanRecord span(
            String trace, String id, String parent, String service, SpanKind kind, long offsetMillis, long millis) {
        return span(trace, id, parent, service, kind, offsetMillis, millis, false, Map.of());
    }

    private static SpanRecord span(
            String trace,
            String id,
            String parent,
            String service,
            SpanKind kind,
            long offsetMillis,
            long millis,
            boolean error,
            Map<String, String> attributes) {
        return new SpanRecord(
                trace,
                id,
                parent,
                service,
                "op",
                kind,
                T0.plusMillis(offsetMillis),
                millis * 1_000_000,
                error,
                "",
                0,
                attributes,
                "otlp");
    }

    /** Receives {@code span} once the wall clock has reached its start (as a live exporter would send it). */
    private void send(SpanRecord span) {
        if (span.start().isAfter(wall)) {
            advance(Duration.between(wall, span.start()));
        }
        sendQuietly(span);
    }

    /** Receives {@code span} without moving the wall clock. */
    private void sendQuietly(SpanRecord span) {
        spans.pipeInput(new TestRecord<>(span.traceId(), span, span.start()));
    }

    /** Moves the wall clock by {@code duration} and reads what was published. */
    private void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
        wall = wall.plus(duration);
        published.addAll(graph.readKeyValuesToList());
    }

    /** The latest edge per key as the compacted topic would hold it. */
    private Map<String, ServiceEdge> latest() {
        Map<String, ServiceEdge> edges = new LinkedHashMap<>();
        for (KeyValue<String, ServiceEdge> record : published) {
            if (record.value == null) {
                edges.remove(record.key);
            } else {
                edges.put(record.key, record.value);
            }
        }
        return edges;
    }

    private ServiceEdge edge(String key) {
        ServiceEdge edge = latest().get(key);
        assertThat(edge).as("edge %s in %s", key, latest().keySet()).isNotNull();
        return edge;
    }

    /** checkout's server span calling payments through a client span; payments answers with its server span. */
    private void checkoutCallsPayments(String trace, long offsetMillis, long millis, boolean error) {
        send(span(trace, "a", "", "checkout", SpanKind.SERVER, offsetMillis, millis + 5));
        send(span(
                trace,
                "b",
                "a",
                "checkout",
                SpanKind.CLIENT,
                offsetMillis + 1,
                millis,
                error,
                Map.of("server.address", "payments.shop.svc")));
        send(span(trace, "c", "b", "payments", SpanKind.SERVER, offsetMillis + 2, millis - 1, error, Map.of()));
    }

    @Test
    void aChildSpanWhoseParentIsInAnotherServiceMakesAnEdge() {
        // given
        start(SETTINGS);

        // when
        checkoutCallsPayments("t1", 0, 40, false);
        advance(SETTINGS.publishInterval());

        // then
        assertThat(latest()).containsOnlyKeys("checkout->payments");
        ServiceEdge edge = edge("checkout->payments");
        assertThat(edge.caller()).isEqualTo("checkout");
        assertThat(edge.callee()).isEqualTo("payments");
        assertThat(edge.requests()).isEqualTo(1);
        assertThat(edge.errors()).isZero();
        assertThat(edge.lastSeen()).isEqualTo(T0.plusMillis(1));
        KeyValueStore<String, ServiceEdge> store = driver.getKeyValueStore(ServiceGraphTopology.EDGE_STORE);
        assertThat(store.get("checkout->payments")).isEqualTo(edge);
    }

    @Test
    void aChildThatArrivesBeforeItsParentIsPairedWhenTheParentArrives() {
        // given
        start(SETTINGS);

        // when: payments' span first, checkout's client span a second later
        send(span("t1", "c", "b", "payments", SpanKind.SERVER, 2, 30));
        advance(Duration.ofSeconds(1));
        assertThat(latest()).isEmpty();
        send(span("t1", "b", "a", "checkout", SpanKind.CLIENT, 1, 35));
        advance(SETTINGS.publishInterval());

        // then
        assertThat(edge("checkout->payments").requests()).isEqualTo(1);
        assertThat(edge("checkout->payments").p95Millis()).isCloseTo(35, within(3.5));
    }

    @Test
    void aCallToACalleeThatEmitsNoSpansCountsOnceTheGraceHasPassed() {
        // given
        start(SETTINGS);

        // when: payments queries postgres (no spans from postgres); checkout's call to payments gets an answer
        send(span(
                "t1",
                "d",
                "c",
                "payments",
                SpanKind.CLIENT,
                3,
                20,
                true,
                Map.of("db.system.name", "postgresql", "server.address", "pg-1.shop.svc")));
        checkoutCallsPayments("t1", 0, 40, true);
        advance(SETTINGS.publishInterval());

        // then: the database call waits for a child span, the answered call does not
        assertThat(latest()).containsOnlyKeys("checkout->payments");

        // when: the call is counted after the grace and published on the next interval
        advance(SETTINGS.clientGrace());
        advance(SETTINGS.publishInterval());

        // then
        assertThat(latest()).containsOnlyKeys("checkout->payments", "payments->postgresql");
        assertThat(edge("payments->postgresql").errors()).isEqualTo(1);
        assertThat(edge("checkout->payments").errors()).isEqualTo(1);

        // when: a late child span of the database call adds nothing (the call was counted)
        send(span("t1", "e", "d", "postgresql", SpanKind.SERVER, 4, 10));
        advance(SETTINGS.publishInterval());

        // then
        assertThat(latest()).doesNotContainKey("payments->postgresql-server");
        assertThat(latest()).containsOnlyKeys("checkout->payments", "payments->postgresql");
        assertThat(edge("payments->postgresql").requests()).isEqualTo(1);
    }

    @Test
    void figuresCoverTheSlidingWindowRateErrorRateAndP95() {
        // given
        start(SETTINGS);

        // when: 100 calls over four minutes, 1 to 100 ms, every tenth failing
        for (int i = 1; i <= 100; i++) {
            checkoutCallsPayments("t" + i, i * 2_400L, i, i % 10 == 0);
        }
        advance(SETTINGS.publishInterval());

        // then
        ServiceEdge edge = edge("checkout->payments");
        assertThat(edge.requests()).isEqualTo(100);
        assertThat(edge.errors()).isEqualTo(10);
        assertThat(edge.errorRate()).isEqualTo(0.1);
        assertThat(edge.requestRate()).isCloseTo(100 / 300.0, within(0.0001));
        assertThat(edge.p95Millis()).isCloseTo(95, within(9.5));
        assertThat(edge.windowEnd()).isEqualTo(T0.plusMillis(240_001));
        assertThat(edge.windowStart()).isEqualTo(edge.windowEnd().minus(SETTINGS.window()));

        // when: calls on another edge move span time on by three minutes, so the older slices leave the window
        send(span("u1", "a", "", "frontend", SpanKind.CLIENT, 420_000, 5));
        send(span("u1", "b", "a", "checkout", SpanKind.SERVER, 420_001, 4));
        advance(SETTINGS.publishInterval());

        // then: only the calls from 420 s - 300 s = 120 s on count (i = 50 to 100; slices of 30 s)
        ServiceEdge later = edge("checkout->payments");
        assertThat(later.requests()).isEqualTo(51);
        assertThat(later.errors()).isEqualTo(6);
        assertThat(later.p95Millis()).isCloseTo(98, within(9.8));
        assertThat(later.lastSeen()).isEqualTo(edge.lastSeen());
    }

    @Test
    void eachEdgeIsPublishedAtMostOncePerInterval() {
        // given
        start(SETTINGS);

        // when
        for (int i = 0; i < 50; i++) {
            checkoutCallsPayments("t" + i, i * 10L, 10, false);
        }
        assertThat(wall).isBefore(T0.plusSeconds(1));
        advance(SETTINGS.publishInterval());
        advance(SETTINGS.publishInterval());

        // then: one publication, nothing when nothing changed
        assertThat(published).hasSize(1);
        assertThat(published.get(0).value.requests()).isEqualTo(50);
    }

    @Test
    void anEdgeWithoutCallsExpiresWithATombstone() {
        // given
        start(SETTINGS);
        checkoutCallsPayments("t1", 0, 40, false);
        advance(SETTINGS.publishInterval());
        assertThat(latest()).containsOnlyKeys("checkout->payments");

        // when
        advance(SETTINGS.expireAfter());

        // then
        assertThat(published.get(published.size() - 1).key).isEqualTo("checkout->payments");
        assertThat(published.get(published.size() - 1).value).isNull();
        assertThat(latest()).isEmpty();
        KeyValueStore<String, ServiceEdge> store = driver.getKeyValueStore(ServiceGraphTopology.EDGE_STORE);
        assertThat(store.get("checkout->payments")).isNull();
    }

    @Test
    void duplicatesSameServiceChildrenAndLostParentsMakeNoExtraEdges() {
        // given
        start(SETTINGS);

        // when
        checkoutCallsPayments("t1", 0, 40, false);
        send(span("t1", "c", "b", "payments", SpanKind.SERVER, 2, 39)); // re-sent
        send(span("t1", "x", "c", "payments", SpanKind.INTERNAL, 3, 5)); // same service
        send(span("t1", "y", "never", "cart", SpanKind.SERVER, 3, 5)); // parent never arrives
        send(span("t2", "z", "", "", SpanKind.SERVER, 3, 5)); // no service
        advance(SETTINGS.publishInterval());
        advance(SETTINGS.traceTtl());

        // then
        assertThat(latest()).containsOnlyKeys("checkout->payments");
        assertThat(edge("checkout->payments").requests()).isEqualTo(1);
        KeyValueStore<String, SpanNode> orphans = driver.getKeyValueStore(CallDerivation.ORPHANS);
        KeyValueStore<String, SpanNode> remembered = driver.getKeyValueStore(CallDerivation.SPANS);
        assertThat(orphans.approximateNumEntries()).isZero();
        assertThat(remembered.approximateNumEntries()).isZero();
    }

    @Test
    void aSpanStampedFarInTheFutureDoesNotEmptyTheWindow() {
        // given
        start(SETTINGS);
        checkoutCallsPayments("t1", 0, 40, false);

        // when: a host a day ahead
        sendQuietly(span(
                "t2", "a", "", "frontend", SpanKind.CLIENT, Duration.ofDays(1).toMillis(), 5));
        sendQuietly(span(
                "t2", "b", "a", "checkout", SpanKind.SERVER, Duration.ofDays(1).toMillis(), 4));
        advance(SETTINGS.publishInterval());

        // then
        assertThat(edge("checkout->payments").requests()).isEqualTo(1);
        assertThat(edge("frontend->checkout").windowEnd()).isBefore(T0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void everyNodeStoreAndRepartitionTopicIsNamed() {
        // given
        StreamsBuilder builder = new StreamsBuilder();
        new ServiceGraphTopology(SPANS, GRAPH, SETTINGS).addTo(builder);

        // when
        Topology topology = builder.build();
        String text = topology.describe().toString();

        // then
        assertThat(text).doesNotContain("KSTREAM-", "KTABLE-");
        assertThat(text)
                .contains(
                        "service-graph-spans-source",
                        "service-graph-calls-repartition",
                        CallDerivation.SPANS,
                        CallDerivation.ORPHANS,
                        CallDerivation.CALLS,
                        EdgeAggregation.WINDOWS,
                        EdgeAggregation.EDGES,
                        "service-graph-sink",
                        GRAPH);
    }
}
