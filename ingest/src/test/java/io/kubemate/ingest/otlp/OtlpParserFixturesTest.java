package io.kubemate.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpParserFixturesTest {
    private final OtlpParser parser = new OtlpParser(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private List<SpanRecord> traces(String name) {
        return parser.parseTraces(
                OtlpFixtures.body(name), name.endsWith(".pb") ? OtlpEncoding.PROTOBUF : OtlpEncoding.JSON);
    }

    @Test
    void everyFixtureParsesExceptTheCounterExample() {
        List<String> names = OtlpFixtures.all();
        assertThat(names).hasSizeGreaterThanOrEqualTo(8).contains(OtlpFixtures.NOT_OTLP);

        for (String name : names) {
            if (name.equals(OtlpFixtures.NOT_OTLP)) {
                continue;
            }
            OtlpEncoding encoding = name.endsWith(".pb") ? OtlpEncoding.PROTOBUF : OtlpEncoding.JSON;
            int records = name.contains("-logs-")
                    ? parser.parseLogs(OtlpFixtures.body(name), encoding).size()
                    : parser.parseTraces(OtlpFixtures.body(name), encoding).size();
            assertThat(records).as(name).isPositive();
        }
    }

    @Test
    void readsTheSdksPaymentsSpansWithErrorsAndKeptAttributes() {
        List<SpanRecord> spans = traces("sdk-java-1.68.0-traces-payments.json");

        assertThat(spans).hasSize(2);
        SpanRecord db = spans.get(0);
        assertThat(db.traceId()).isEqualTo("bd415fdac3196c3f913df0166dad40d5");
        assertThat(db.spanId()).isEqualTo("86520628e61958ec");
        assertThat(db.parentSpanId()).isEqualTo("bfb26f457b1f124e");
        assertThat(db.service()).isEqualTo("payments");
        assertThat(db.name()).isEqualTo("SELECT payments.accounts");
        assertThat(db.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(db.start()).isEqualTo(Instant.parse("2026-11-25T16:58:21.701915402Z"));
        assertThat(db.durationNanos()).isEqualTo(1795625901714160436L - 1795625901701915402L);
        assertThat(db.error()).isTrue();
        assertThat(db.statusMessage()).isEqualTo("connection timeout");
        assertThat(db.attributes())
                .containsEntry("db.system.name", "postgresql")
                .containsEntry("server.address", "pg-1.shop.svc")
                .containsEntry("exception.type", "java.sql.SQLTransientConnectionException")
                .doesNotContainKey("db.query.text");
        assertThat(db.source()).isEqualTo("otlp");

        SpanRecord server = spans.get(1);
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.httpStatus()).isEqualTo(503);
        assertThat(server.attributes())
                .containsEntry("http.route", "/v1/charge")
                .containsEntry("http.request.method", "POST")
                .containsEntry("http.response.status_code", "503");
    }

    @Test
    void protobufAndJsonCapturesDescribeTheSameShapes() {
        for (String service : List.of("checkout", "payments")) {
            List<SpanRecord> json = traces("sdk-java-1.68.0-traces-" + service + ".json");
            List<SpanRecord> proto = traces("sdk-java-1.68.0-traces-" + service + ".pb");

            assertThat(proto)
                    .extracting(SpanRecord::name)
                    .isEqualTo(json.stream().map(SpanRecord::name).toList());
            assertThat(proto)
                    .extracting(SpanRecord::kind)
                    .isEqualTo(json.stream().map(SpanRecord::kind).toList());
            assertThat(proto)
                    .extracting(SpanRecord::error)
                    .isEqualTo(json.stream().map(SpanRecord::error).toList());
            assertThat(proto).allSatisfy(s -> assertThat(s.service()).isEqualTo(service));
        }
    }

    @Test
    void aComposedCollectorBatchKeepsEachResourcesService() {
        List<SpanRecord> spans = traces("composed-traces-two-services.json");

        assertThat(spans)
                .extracting(SpanRecord::service)
                .containsExactly("checkout", "checkout", "payments", "payments");
        assertThat(spans)
                .allSatisfy(s -> assertThat(s.traceId()).isEqualTo(spans.get(0).traceId()));
        assertThat(spans.stream().filter(SpanRecord::isRoot)).hasSize(1);
    }

    @Test
    void readsTheSdksLogRecordInBothEncodings() {
        for (String name : List.of("sdk-java-1.68.0-logs-payments.json", "sdk-java-1.68.0-logs-payments.pb")) {
            OtlpEncoding encoding = name.endsWith(".pb") ? OtlpEncoding.PROTOBUF : OtlpEncoding.JSON;
            List<LogEntry> logs = parser.parseLogs(OtlpFixtures.body(name), encoding);

            assertThat(logs).as(name).hasSize(1);
            LogEntry log = logs.get(0);
            assertThat(log.service()).isEqualTo("payments");
            assertThat(log.severity()).isEqualTo("error");
            assertThat(log.line()).startsWith("charge failed: HikariPool-1");
            assertThat(log.traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
            assertThat(log.spanId()).hasSize(16);
            assertThat(log.labels())
                    .containsEntry("k8s.namespace.name", "shop")
                    .containsEntry("service.name", "payments");
            // the SDK sent no timeUnixNano: the observed time stands in, not the clock
            assertThat(log.time()).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(log.source()).isEqualTo("otlp");
        }
    }

    @Test
    void rejectsProtobufJsonFormatOutputSayingWhyItIsNotOtlpJson() {
        assertThatThrownBy(() -> traces(OtlpFixtures.NOT_OTLP))
                .hasMessageContaining("base64")
                .hasMessageContaining("OTLP JSON")
                .hasMessageContaining("hex")
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("/resourceSpans/0/scopeSpans/0/spans/0/traceId"));
    }
}
