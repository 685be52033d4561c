package io.kubemate.streams.graph;

import static io.kubemate.streams.fixtures.AlertFixture.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.core.topic.Topics;
import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.KubemateTopology;
import io.kubemate.streams.correlation.CorrelationTopology;
import io.kubemate.streams.errors.FailurePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service graph inside the whole {@link KubemateTopology}: edges it derives reach the correlation. */
class ServiceGraphWiringTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path stateDir;

    private final Topics topics = Topics.from(TopicSettings.defaults());
    private final TelemetryTopics telemetry = TelemetryTopics.defaults();
    private final CorrelationSettings correlation = CorrelationSettings.defaults();
    private final ServiceGraphSettings graph = ServiceGraphSettings.defaults();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawAlert> alerts;
    private TestInputTopic<String, SpanRecord> spans;
    private TestOutputTopic<String, Incident> snapshots;
    private Instant clock = T0;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "kubemate-wiring-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(FailurePolicy.streamsConfig(topics.deadLetter().name()));
        driver = new TopologyTestDriver(new KubemateTopology(topics, correlation, telemetry, graph).build(), props, T0);
        alerts = driver.createInputTopic(
                topics.alertsRaw().name(),
                topics.alertsRaw().keySerde().serializer(),
                topics.alertsRaw().valueSerde().serializer());
        spans = driver.createInputTopic(
                telemetry.spans(), new StringSerializer(), new JsonSerde<>(SpanRecord.class).serializer());
        snapshots = driver.createOutputTopic(
                topics.incidents().name(),
                topics.incidents().keySerde().deserializer(),
                topics.incidents().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
        clock = clock.plus(duration);
        snapshots.readKeyValuesToList().forEach(record -> incidents.put(record.key, record.value));
    }

    private void receive(RawAlert alert) {
        alerts.pipeInput(new TestRecord<>(alert.fingerprint(), alert, clock));
        advance(correlation.emitInterval());
    }

    private void span(String id, String parent, String service, SpanKind kind) {
        SpanRecord span = new SpanRecord(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                id,
                parent,
                service,
                "op",
                kind,
                clock,
                5_000_000,
                false,
                "",
                0,
                Map.of(),
                "otlp");
        spans.pipeInput(new TestRecord<>(span.traceId(), span, clock));
    }

    private void alertsOnCheckoutAndPaymentsInTwoNamespaces() {
        receive(alert("HighErrorRate").label("service", "checkout").firing(clock));
        receive(alert("KubePodCrashLooping")
                .label("namespace", "payments")
                .label("service", "payments")
                .firing(clock));
    }

    @Test
    void withoutSpansTheSpineRulesHold() {
        // when
        alertsOnCheckoutAndPaymentsInTwoNamespaces();

        // then
        assertThat(incidents).hasSize(2);
    }

    @Test
    void anEdgeDerivedFromSpansJoinsAlertsOnLinkedServices() {
        // given checkout calls payments, seen in a trace
        span("00f067aa0ba902b7", "", "checkout", SpanKind.CLIENT);
        span("b9c7c989f97918e1", "00f067aa0ba902b7", "payments", SpanKind.SERVER);
        advance(graph.publishInterval());
        KeyValueStore<String, ServiceEdge> global = driver.getKeyValueStore(CorrelationTopology.GRAPH_STORE);
        assertThat(global.get("checkout->payments")).isNotNull();
        advance(Duration.ofSeconds(3)); // the correlator's copy of the graph refreshes every 2 s

        // when
        alertsOnCheckoutAndPaymentsInTwoNamespaces();

        // then
        assertThat(incidents).hasSize(1);
        assertThat(incidents.values().iterator().next().services()).containsExactly("checkout", "payments");
    }

    @Test
    void everyNewNodeStoreAndTopicIsNamed() {
        String text = new KubemateTopology(topics, correlation, telemetry, graph)
                .build()
                .describe()
                .toString();

        assertThat(text).doesNotContain("KSTREAM-", "KTABLE-");
        assertThat(text)
                .contains(
                        "service-graph-calls-repartition",
                        ServiceGraphTopology.EDGE_STORE,
                        CorrelationTopology.GRAPH_STORE,
                        "incident-store",
                        telemetry.spans(),
                        telemetry.serviceGraph());
    }
}
