package io.kubemate.streams.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.streams.traces.TraceBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceEvidenceItemsTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void erroringTracesBecomeSpanAndPathItemsWithOriginCounts() {
        // given three traces checkout -> payments -> (db call fails in payments); one healthy trace
        TraceBuffer buffer = new TraceBuffer(100, 100, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        for (int t = 0; t < 3; t++) {
            String trace = String.format("%032x", t + 1);
            buffer.add(span(trace, "a" + t, "", "checkout", "POST /checkout", SpanKind.SERVER, true, 500, 900));
            buffer.add(span(trace, "b" + t, "a" + t, "payments", "POST /pay", SpanKind.SERVER, true, 500, 800));
            buffer.add(span(trace, "c" + t, "b" + t, "payments", "SELECT payments", SpanKind.CLIENT, true, 0, 700));
        }
        buffer.add(span(String.format("%032x", 9), "z", "", "checkout", "GET /health", SpanKind.SERVER, false, 200, 3));

        // when
        TraceEvidence evidence = TraceEvidenceItems.from(buffer, "otlp")
                .traces(Set.of("checkout", "payments"), Set.of(), T0.minusSeconds(60), T0.plusSeconds(60));

        // then
        assertThat(evidence.erroringTraces()).isEqualTo(3);
        assertThat(evidence.originCounts()).containsEntry("payments", 3);
        assertThat(evidence.paths()).singleElement().satisfies(path -> {
            assertThat(path.kind()).isEqualTo(EvidenceKind.TRACE_PATH);
            assertThat(path.title()).isEqualTo("checkout → payments in 3 of 3 erroring traces");
            assertThat(path.key()).isEqualTo("trace-path/checkout>payments");
        });
        assertThat(evidence.spans())
                .filteredOn(item -> "true".equals(item.attributes().get("error")))
                .extracting(EvidenceItem::service)
                .contains("checkout", "payments");
        assertThat(evidence.spans())
                .filteredOn(item -> "true".equals(item.attributes().get("slowest")))
                .extracting(EvidenceItem::title)
                .contains("slowest checkout span: POST /checkout took 900 ms");
    }

    @Test
    void noTracesNoEvidence() {
        TraceBuffer buffer = new TraceBuffer(10, 10, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));

        assertThat(TraceEvidenceItems.from(buffer, "otlp").traces(Set.of("checkout"), Set.of(), T0, T0.plusSeconds(1)))
                .isEqualTo(TraceEvidence.NONE);
    }

    private static SpanRecord span(
            String trace,
            String id,
            String parent,
            String service,
            String name,
            SpanKind kind,
            boolean error,
            int http,
            long millis) {
        return new SpanRecord(
                trace,
                String.format("%16s", id).replace(' ', '0'),
                parent.isEmpty() ? "" : String.format("%16s", parent).replace(' ', '0'),
                service,
                name,
                kind,
                T0,
                Duration.ofMillis(millis).toNanos(),
                error,
                error ? "boom" : "",
                http,
                Map.of(),
                "otlp");
    }
}
