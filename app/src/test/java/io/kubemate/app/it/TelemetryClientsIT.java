package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase;
import io.kubemate.app.Kubemate;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real telemetry clients against a real Kubemate on the embedded broker: the OpenTelemetry Java SDK's OTLP/HTTP
 * exporters (protobuf, batch processors, force-flushed) and the loki4j Logback appender in its JSON and protobuf
 * modes. Each client's data must arrive on {@code kubemate.spans} / {@code kubemate.logs} with the right fields, and
 * each client must see its export succeed. No webhook token: loki4j can send only basic auth or a tenant header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryClientsIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private Kubemate kubemate;

    @BeforeAll
    void startKubemate() {
        kubemate = Kubemate.start(
                KubemateConfig.load(Map.of(
                        "KUBEMATE_DATA_DIR", dataDir.toString(),
                        "KUBEMATE_HTTP_PORT", "0",
                        "KUBEMATE_HTTP_HOST", "127.0.0.1",
                        "KUBEMATE_TOPIC_PARTITIONS", "2")),
                line -> {});
    }

    @AfterAll
    void stopKubemate() {
        if (kubemate != null) {
            kubemate.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + kubemate.httpPort();
    }

    @Test
    void theOtelSdkExportsSpansAndLogsOverOtlpHttp() throws Exception {
        Resource resource = Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "it-checkout")));
        SdkTracerProvider tracers = SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(base() + "/v1/traces")
                                .build())
                        .build())
                .build();
        SdkLoggerProvider loggers = SdkLoggerProvider.builder()
                .setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder()
                                .setEndpoint(base() + "/v1/logs")
                                .setCompression("gzip")
                                .build())
                        .build())
                .build();
        String traceId;
        try {
            Tracer tracer = tracers.get("it");
            Span server = tracer.spanBuilder("POST /api/checkout")
                    .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
                    .setAttribute("http.route", "/api/checkout")
                    .startSpan();
            traceId = server.getSpanContext().getTraceId();
            try (Scope ignored = server.makeCurrent()) {
                Span db = tracer.spanBuilder("SELECT orders")
                        .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                        .setAttribute("db.system", "postgresql")
                        .setAttribute("db.query.text", "SELECT * FROM orders")
                        .startSpan();
                db.recordException(new SQLTransientConnectionException("pool exhausted"));
                db.end();
                loggers.get("it")
                        .logRecordBuilder()
                        .setContext(Context.current())
                        .setSeverity(Severity.ERROR)
                        .setSeverityText("ERROR")
                        .setBody("checkout failed: pool exhausted")
                        .emit();
            }
            server.setAttribute("http.response.status_code", 503L);
            server.setStatus(StatusCode.ERROR, "upstream failed");
            server.end();

            assertThat(flushed(tracers.forceFlush())).as("span export accepted").isTrue();
            assertThat(flushed(loggers.forceFlush())).as("log export accepted").isTrue();
        } finally {
            tracers.shutdown().join(10, TimeUnit.SECONDS);
            loggers.shutdown().join(10, TimeUnit.SECONDS);
        }

        List<SpanRecord> spans = awaitRecords(
                "kubemate.spans", SpanRecord.class, s -> s.traceId().equals(traceId), 2);
        SpanRecord server =
                spans.stream().filter(SpanRecord::isRoot).findFirst().orElseThrow();
        SpanRecord db = spans.stream().filter(s -> !s.isRoot()).findFirst().orElseThrow();
        assertThat(server.service()).isEqualTo("it-checkout");
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.httpStatus()).isEqualTo(503);
        assertThat(server.error()).isTrue();
        assertThat(server.statusMessage()).isEqualTo("upstream failed");
        assertThat(server.attributes()).containsEntry("http.route", "/api/checkout");
        assertThat(db.parentSpanId()).isEqualTo(server.spanId());
        assertThat(db.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(db.error()).as("an exception event makes an error span").isTrue();
        assertThat(db.attributes())
                .containsEntry("exception.type", "java.sql.SQLTransientConnectionException")
                .containsEntry("db.system", "postgresql")
                .doesNotContainKey("db.query.text");
        assertThat(db.source()).isEqualTo("otlp");

        LogEntry log = awaitRecords(
                        "kubemate.logs", LogEntry.class, l -> l.traceId().equals(traceId), 1)
                .get(0);
        assertThat(log.service()).isEqualTo("it-checkout");
        assertThat(log.severity()).isEqualTo("error");
        assertThat(log.line()).isEqualTo("checkout failed: pool exhausted");
        assertThat(log.spanId()).isEqualTo(db.parentSpanId());
        assertThat(log.source()).isEqualTo("otlp");
    }

    @Test
    void loki4jPushesJsonBatches() throws Exception {
        pushWithLoki4j("it-payments-json", false);

        assertLoki4jEntries("it-payments-json");
    }

    @Test
    void loki4jPushesProtobufBatches() throws Exception {
        pushWithLoki4j("it-payments-pb", true);

        assertLoki4jEntries("it-payments-pb");
    }

    /** Three lines at info, warn and error with a trace id in the MDC, through a loki4j appender of its own context. */
    private void pushWithLoki4j(String app, boolean protobuf) {
        LoggerContext context = new LoggerContext();
        context.setName(app);
        context.setMDCAdapter(new LogbackMDCAdapter());
        Loki4jAppender appender = new Loki4jAppender();
        appender.setContext(context);
        appender.setName("loki");
        appender.setLabels("app=" + app + "\nenv=it");
        PipelineConfigAppenderBase.HttpCfg http = new PipelineConfigAppenderBase.HttpCfg();
        http.setUrl(base() + "/loki/api/v1/push");
        http.setUseProtobufApi(protobuf);
        appender.setHttp(http);
        PipelineConfigAppenderBase.BatchCfg batch = new PipelineConfigAppenderBase.BatchCfg();
        batch.setTimeoutMs(200);
        appender.setBatch(batch);
        appender.start();
        try {
            Logger logger = context.getLogger("it.ChargeHandler");
            logger.setAdditive(false);
            logger.addAppender(appender);
            context.getMDCAdapter().put("trace_id", "5b8efff798038103d269b633813fc60c");
            context.getMDCAdapter().put("span_id", "eee19b7ec3c1b174");
            logger.info("charge started order_id=ord-1");
            logger.warn("db pool saturated active=20 idle=0");
            logger.error("charge failed order_id=ord-1", new SQLTransientConnectionException("pool exhausted"));
        } finally {
            // drains the batch: stop() sends what is queued and waits for it
            appender.stop();
            context.stop();
        }
    }

    private void assertLoki4jEntries(String app) throws Exception {
        List<LogEntry> entries =
                awaitRecords("kubemate.logs", LogEntry.class, l -> l.service().equals(app), 3);

        assertThat(entries).extracting(LogEntry::severity).containsExactlyInAnyOrder("info", "warn", "error");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.labels()).containsEntry("app", app).containsEntry("env", "it");
            assertThat(e.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
            assertThat(e.spanId()).isEqualTo("eee19b7ec3c1b174");
            assertThat(e.source()).isEqualTo("loki");
        });
        assertThat(entries)
                .filteredOn(e -> e.severity().equals("error"))
                .singleElement()
                .satisfies(e -> assertThat(e.line())
                        .contains("charge failed order_id=ord-1")
                        .contains("SQLTransientConnectionException"));
    }

    private static boolean flushed(CompletableResultCode result) {
        return result.join(20, TimeUnit.SECONDS).isSuccess();
    }

    private <T> List<T> awaitRecords(String topic, Class<T> type, Predicate<T> match, int count) throws Exception {
        return new TopicRecords(kubemate.bootstrapServers()).await(topic, type, match, count, ARRIVAL);
    }
}
