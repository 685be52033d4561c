package io.kubemate.streams.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.telemetry.LogEntry;
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
import io.kubemate.streams.graph.ServiceGraphSettings;
import io.kubemate.streams.traces.OtlpJsonFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

/**
 * The OTLP Kafka bridge inside the whole {@link KubemateTopology}: a Collector message on {@code otlp_spans} becomes
 * spans on {@code kubemate.spans} and an edge of the service graph; a message that is not OTLP is dead-lettered and
 * the next one still arrives. Streams cannot see ingest's decoder, so the spans decoder here is the test's OTLP/JSON
 * reader and the logs decoder a one-line stand-in.
 */
class OtlpBridgeWiringTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String TRACE = "5b8efff798038103d269b633813fc60c";

    @TempDir
    Path stateDir;

    private final Topics topics = Topics.from(TopicSettings.defaults());
    private final TelemetryTopics telemetry = TelemetryTopics.defaults();
    private final ServiceGraphSettings graph = ServiceGraphSettings.defaults();
    private final OtlpDecoders decoders = new OtlpDecoders(OtlpJsonFixture::decode, OtlpBridgeWiringTest::logLine);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> otlpSpans;
    private TestInputTopic<byte[], byte[]> otlpLogs;
    private TestOutputTopic<String, SpanRecord> spans;
    private TestOutputTopic<String, LogEntry> logs;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "kubemate-otlp-bridge-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(FailurePolicy.streamsConfig(topics.deadLetter().name()));
        driver = new TopologyTestDriver(topology().build(), props, T0);
        otlpSpans = driver.createInputTopic(
                telemetry.otlpSpans(), new ByteArraySerializer(), new ByteArraySerializer(), T0, Duration.ZERO);
        otlpLogs = driver.createInputTopic(
                telemetry.otlpLogs(), new ByteArraySerializer(), new ByteArraySerializer(), T0, Duration.ZERO);
        spans = driver.createOutputTopic(
                telemetry.spans(), new StringDeserializer(), new JsonSerde<>(SpanRecord.class).deserializer());
        logs = driver.createOutputTopic(
                telemetry.logs(), new StringDeserializer(), new JsonSerde<>(LogEntry.class).deserializer());
        deadLetters = driver.createOutputTopic(
                topics.deadLetter().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private KubemateTopology topology() {
        return new KubemateTopology(topics, CorrelationSettings.defaults(), telemetry, graph, decoders);
    }

    @Test
    void aCollectorTraceReachesTheSpansTopicAndTheServiceGraph() {
        // when: the Collector exports frontend calling checkout
        otlpSpans.pipeInput(frontendCallsCheckout());
        driver.advanceWallClockTime(graph.publishInterval());

        // then
        List<TestRecord<String, SpanRecord>> arrived = spans.readRecordsToList();
        assertThat(arrived).extracting(TestRecord::key).containsOnly(TRACE);
        assertThat(arrived)
                .extracting(TestRecord::value)
                .extracting(SpanRecord::service, SpanRecord::kind, SpanRecord::error)
                .containsExactly(
                        tuple("frontend", SpanKind.SERVER, false),
                        tuple("frontend", SpanKind.CLIENT, false),
                        tuple("checkout", SpanKind.SERVER, true));
        KeyValueStore<String, ServiceEdge> edges = driver.getKeyValueStore(CorrelationTopology.GRAPH_STORE);
        ServiceEdge edge = edges.get("frontend->checkout");
        assertThat(edge).isNotNull();
        assertThat(edge.requests()).isEqualTo(1);
        assertThat(edge.errors()).isEqualTo(1);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aMessageThatIsNotOtlpIsDeadLetteredAndTheNextOneArrives() {
        // given
        byte[] garbage = "\u0000\u0001not otlp".getBytes(StandardCharsets.UTF_8);

        // when
        otlpSpans.pipeInput("k".getBytes(StandardCharsets.UTF_8), garbage);
        otlpSpans.pipeInput(frontendCallsCheckout());

        // then
        assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(garbage);
            Headers headers = record.headers();
            assertThat(text(headers, FailurePolicy.HEADER_ERROR_STAGE)).isEqualTo("processing");
            assertThat(text(headers, FailurePolicy.HEADER_SOURCE_TOPIC)).isEqualTo(telemetry.otlpSpans());
            assertThat(text(headers, FailurePolicy.HEADER_SOURCE_PROCESSOR)).isEqualTo("otlp-spans-decode");
        });
        assertThat(spans.readValuesToList()).hasSize(3);
    }

    @Test
    void aCollectorLogMessageReachesTheLogsTopicKeyedByService() {
        // when
        otlpLogs.pipeInput("checkout|payment declined".getBytes(StandardCharsets.UTF_8));
        otlpLogs.pipeInput(new byte[0]);

        // then
        assertThat(logs.readKeyValuesToList()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo("checkout");
            assertThat(record.value.line()).isEqualTo("payment declined");
        });
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void theBridgeIsNamedAndLeftOutWithoutDecoders() {
        String with = topology().build().describe().toString();
        String without = new KubemateTopology(topics, CorrelationSettings.defaults(), telemetry, graph)
                .build()
                .describe()
                .toString();

        assertThat(with).doesNotContain("KSTREAM-", "KTABLE-");
        assertThat(with)
                .contains(
                        "otlp-spans-source",
                        "otlp-spans-decode",
                        "otlp-spans-sink",
                        "otlp-logs-source",
                        "otlp-logs-decode",
                        "otlp-logs-sink",
                        "topics: [" + telemetry.otlpSpans() + "]",
                        "topics: [" + telemetry.otlpLogs() + "]");
        assertThat(without).doesNotContain("otlp-spans-source", telemetry.otlpSpans(), telemetry.otlpLogs());
    }

    /** One {@code ExportTraceServiceRequest} in OTLP/JSON: frontend's server span, its client call, checkout failing. */
    private static byte[] frontendCallsCheckout() {
        long start = T0.getEpochSecond() * 1_000_000_000L;
        String request =
                """
                {"resourceSpans": [
                  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "frontend"}}]},
                   "scopeSpans": [{"spans": [
                     %s,
                     %s]}]},
                  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout"}}]},
                   "scopeSpans": [{"spans": [
                     %s]}]}]}
                """
                        .formatted(
                                span("a000000000000001", "", "GET /", 2, start, 0),
                                span("a000000000000002", "a000000000000001", "POST /checkout", 3, start + 1_000_000, 0),
                                span(
                                        "b000000000000001",
                                        "a000000000000002",
                                        "POST /checkout",
                                        2,
                                        start + 2_000_000,
                                        2));
        return request.getBytes(StandardCharsets.UTF_8);
    }

    private static String span(String id, String parent, String name, int kind, long start, int status) {
        return """
                {"traceId": "%s", "spanId": "%s", "parentSpanId": "%s", "name": "%s", "kind": %d,
                 "startTimeUnixNano": "%d", "endTimeUnixNano": "%d", "status": {"code": %d}}"""
                .formatted(TRACE, id, parent, name, kind, start, start + 5_000_000, status);
    }

    /** {@code service|line}; anything else is not a log message. */
    private static List<LogEntry> logLine(byte[] message) {
        String[] parts = new String(message, StandardCharsets.UTF_8).split("\\|", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a log message");
        }
        return List.of(new LogEntry(parts[0], T0, parts[1], "error", Map.of(), "", "", "test"));
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
