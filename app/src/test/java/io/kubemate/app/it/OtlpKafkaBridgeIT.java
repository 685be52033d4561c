package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.kubemate.app.Kubemate;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.streams.errors.FailurePolicy;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Collector's kafka exporter, played by a plain {@link KafkaProducer}: {@code
 * ExportTraceServiceRequest} and {@code ExportLogsServiceRequest} messages on {@code otlp_spans} / {@code otlp_logs}
 * reach {@code kubemate.spans} / {@code kubemate.logs} and the service graph API, in the default {@code otlp_proto}
 * encoding and, on a second Kubemate sharing the broker with topics of its own, in {@code otlp_json}. A message that
 * is not OTLP is dead-lettered and does not stop the streams.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtlpKafkaBridgeIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String JSON_PREFIX = "json.";

    @TempDir
    static Path dataDir;

    private final SecureRandom random = new SecureRandom();
    private Kubemate kubemate;
    private KafkaProducer<byte[], byte[]> collector;
    private TopicRecords topics;

    @BeforeAll
    void startKubemate() {
        kubemate = Kubemate.start(
                KubemateConfig.load(Map.of(
                        "KUBEMATE_DATA_DIR", dataDir.resolve("proto").toString(),
                        "KUBEMATE_HTTP_PORT", "0",
                        "KUBEMATE_HTTP_HOST", "127.0.0.1",
                        "KUBEMATE_TOPIC_PARTITIONS", "2")),
                line -> {});
        collector = new KafkaProducer<>(
                Map.of("bootstrap.servers", kubemate.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        topics = new TopicRecords(kubemate.bootstrapServers());
    }

    @AfterAll
    void stopKubemate() {
        if (collector != null) {
            collector.close(Duration.ofSeconds(5));
        }
        if (kubemate != null) {
            kubemate.close();
        }
    }

    @Test
    void protobufTracesAndLogsReachTheSpansLogsAndServiceGraph() throws Exception {
        // given
        String traceId = hex(16);

        // when
        send("otlp_spans", null, checkoutTrace(traceId, Instant.now()).toByteArray());
        send("otlp_logs", null, checkoutLog(traceId, Instant.now()).toByteArray());

        // then
        List<SpanRecord> spans = topics.await(
                "kubemate.spans", SpanRecord.class, s -> s.traceId().equals(traceId), 4, ARRIVAL);
        assertThat(spans).extracting(SpanRecord::source).containsOnly("otlp-kafka");
        assertThat(spans).filteredOn(SpanRecord::error).singleElement().satisfies(span -> {
            assertThat(span.service()).isEqualTo("checkout");
            assertThat(span.statusMessage()).isEqualTo("out of stock");
        });
        SpanRecord root = spans.stream().filter(SpanRecord::isRoot).findFirst().orElseThrow();
        assertThat(root.service()).isEqualTo("frontend");
        assertThat(root.kind()).isEqualTo(SpanKind.SERVER);

        LogEntry log = topics.await(
                        "kubemate.logs", LogEntry.class, l -> l.traceId().equals(traceId), 1, ARRIVAL)
                .get(0);
        assertThat(log.service()).isEqualTo("checkout");
        assertThat(log.severity()).isEqualTo("error");
        assertThat(log.line()).isEqualTo("reserve stock failed: out of stock");
        assertThat(log.source()).isEqualTo("otlp-kafka");

        awaitEdge(kubemate, "frontend", "checkout");
    }

    @Test
    void aMessageThatIsNotOtlpIsDeadLetteredAndTheNextOneStillArrives() throws Exception {
        // given: one key, so both messages land on one partition in this order
        byte[] key = "collector-1".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "this is not an ExportTraceServiceRequest".getBytes(StandardCharsets.UTF_8);
        String traceId = hex(16);

        // when
        send("otlp_spans", key, garbage);
        send("otlp_spans", key, checkoutTrace(traceId, Instant.now()).toByteArray());

        // then
        topics.await("kubemate.spans", SpanRecord.class, s -> s.traceId().equals(traceId), 4, ARRIVAL);
        List<ConsumerRecord<byte[], byte[]>> dead = topics.readAll(Setting.TOPIC_DEAD_LETTER.defaultValue()).stream()
                .filter(r -> header(r, FailurePolicy.HEADER_SOURCE_TOPIC).equals("otlp_spans"))
                .toList();
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(header(record, FailurePolicy.HEADER_ERROR_STAGE)).isEqualTo("processing");
        });
        assertThat(kubemate.isStreamsRunning()).isTrue();
    }

    @Test
    void withOtlpJsonTheJsonMessagesArrive() throws Exception {
        // given: a second Kubemate on the same broker, every topic and the application id its own
        try (Kubemate json = Kubemate.start(KubemateConfig.load(jsonInstance()), line -> {})) {
            String traceId = hex(16);
            TopicRecords jsonTopics = new TopicRecords(json.bootstrapServers());

            // when
            send(JSON_PREFIX + "otlp_spans", null, jsonTrace(traceId, Instant.now()));
            send(JSON_PREFIX + "otlp_logs", null, jsonLog(traceId, Instant.now()));

            // then
            List<SpanRecord> spans = jsonTopics.await(
                    JSON_PREFIX + "kubemate.spans",
                    SpanRecord.class,
                    s -> s.traceId().equals(traceId),
                    3,
                    ARRIVAL);
            assertThat(spans).extracting(SpanRecord::service).containsOnly("frontend", "checkout");
            LogEntry log = jsonTopics
                    .await(
                            JSON_PREFIX + "kubemate.logs",
                            LogEntry.class,
                            l -> l.traceId().equals(traceId),
                            1,
                            ARRIVAL)
                    .get(0);
            assertThat(log.line()).isEqualTo("reserve stock failed: out of stock");
            awaitEdge(json, "frontend", "checkout");
        }
    }

    private Map<String, String> jsonInstance() {
        Map<String, String> env = new HashMap<>(Map.of(
                "KUBEMATE_DATA_DIR", dataDir.resolve("json").toString(),
                "KUBEMATE_HTTP_PORT", "0",
                "KUBEMATE_HTTP_HOST", "127.0.0.1",
                "KUBEMATE_TOPIC_PARTITIONS", "2",
                "KUBEMATE_KAFKA_BOOTSTRAP", kubemate.bootstrapServers(),
                "KUBEMATE_APPLICATION_ID", "kubemate-otlp-json",
                "KUBEMATE_OTLP_ENCODING", "otlp_json"));
        for (Setting setting : List.of(Setting.OTLP_SPANS_TOPIC, Setting.OTLP_LOGS_TOPIC)) {
            env.put(setting.envName(), JSON_PREFIX + setting.defaultValue());
        }
        for (Setting setting : Setting.values()) {
            if (setting.envName().startsWith("KUBEMATE_TOPIC_")
                    && setting.defaultValue().startsWith("kubemate.")) {
                env.put(setting.envName(), JSON_PREFIX + setting.defaultValue());
            }
        }
        return env;
    }

    private void awaitEdge(Kubemate instance, String caller, String callee) throws Exception {
        Http http = new Http(instance.httpPort(), Optional.empty());
        Await.until(caller + "->" + callee + " in the service graph API", ARRIVAL, () -> {
            for (JsonNode edge : http.getJson("/api/v1/service-graph").path("edges")) {
                if (edge.path("caller").asText().equals(caller)
                        && edge.path("callee").asText().equals(callee)) {
                    return edge.path("requests").asLong() >= 1;
                }
            }
            return false;
        });
    }

    private void send(String topic, byte[] key, byte[] value) throws Exception {
        collector.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** frontend serves {@code GET /cart} and calls checkout, whose stock reservation fails. */
    private static ExportTraceServiceRequest checkoutTrace(String traceId, Instant at) {
        Span root = span(traceId, "f000000000000001", "", "GET /cart", Span.SpanKind.SPAN_KIND_SERVER, at, 40)
                .build();
        Span call = span(
                        traceId,
                        "f000000000000002",
                        "f000000000000001",
                        "POST /checkout",
                        Span.SpanKind.SPAN_KIND_CLIENT,
                        at.plusMillis(1),
                        30)
                .build();
        Span server = span(
                        traceId,
                        "c000000000000001",
                        "f000000000000002",
                        "POST /checkout",
                        Span.SpanKind.SPAN_KIND_SERVER,
                        at.plusMillis(2),
                        25)
                .build();
        Span reserve = span(
                        traceId,
                        "c000000000000002",
                        "c000000000000001",
                        "reserve stock",
                        Span.SpanKind.SPAN_KIND_INTERNAL,
                        at.plusMillis(3),
                        10)
                .setStatus(Status.newBuilder()
                        .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                        .setMessage("out of stock"))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resourceSpans("frontend", root, call))
                .addResourceSpans(resourceSpans("checkout", server, reserve))
                .build();
    }

    private static Span.Builder span(
            String traceId, String spanId, String parent, String name, Span.SpanKind kind, Instant start, long millis) {
        long startNanos = nanos(start);
        return Span.newBuilder()
                .setTraceId(bytes(traceId))
                .setSpanId(bytes(spanId))
                .setParentSpanId(bytes(parent))
                .setName(name)
                .setKind(kind)
                .setStartTimeUnixNano(startNanos)
                .setEndTimeUnixNano(startNanos + millis * 1_000_000);
    }

    private static ResourceSpans resourceSpans(String service, Span... spans) {
        return ResourceSpans.newBuilder()
                .setResource(resource(service))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
                .build();
    }

    private static ExportLogsServiceRequest checkoutLog(String traceId, Instant at) {
        LogRecord record = LogRecord.newBuilder()
                .setTimeUnixNano(nanos(at))
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
                .setSeverityText("ERROR")
                .setBody(AnyValue.newBuilder().setStringValue("reserve stock failed: out of stock"))
                .setTraceId(bytes(traceId))
                .setSpanId(bytes("c000000000000002"))
                .build();
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(resource("checkout"))
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)))
                .build();
    }

    private static Resource resource(String service) {
        return Resource.newBuilder()
                .addAttributes(KeyValue.newBuilder()
                        .setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service)))
                .build();
    }

    /** The same call from frontend to checkout in OTLP/JSON (hex ids, enum numbers, 64-bit numbers as strings). */
    private static byte[] jsonTrace(String traceId, Instant at) {
        long start = nanos(at);
        return """
                {"resourceSpans": [
                  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "frontend"}}]},
                   "scopeSpans": [{"spans": [
                     {"traceId": "%1$s", "spanId": "f000000000000001", "name": "GET /cart", "kind": 2,
                      "startTimeUnixNano": "%2$d", "endTimeUnixNano": "%3$d"},
                     {"traceId": "%1$s", "spanId": "f000000000000002", "parentSpanId": "f000000000000001",
                      "name": "POST /checkout", "kind": 3, "startTimeUnixNano": "%2$d", "endTimeUnixNano": "%3$d"}]}]},
                  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout"}}]},
                   "scopeSpans": [{"spans": [
                     {"traceId": "%1$s", "spanId": "c000000000000001", "parentSpanId": "f000000000000002",
                      "name": "POST /checkout", "kind": 2, "startTimeUnixNano": "%2$d", "endTimeUnixNano": "%3$d",
                      "status": {"code": 2, "message": "out of stock"}}]}]}]}
                """
                .formatted(traceId, start, start + 20_000_000)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jsonLog(String traceId, Instant at) {
        return """
                {"resourceLogs": [
                  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout"}}]},
                   "scopeLogs": [{"logRecords": [
                     {"timeUnixNano": "%d", "severityNumber": 17, "severityText": "ERROR",
                      "body": {"stringValue": "reserve stock failed: out of stock"},
                      "traceId": "%s", "spanId": "c000000000000001"}]}]}]}
                """
                .formatted(nanos(at), traceId)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private String hex(int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
