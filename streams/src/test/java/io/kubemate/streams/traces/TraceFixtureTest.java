package io.kubemate.streams.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.streams.traces.TraceExcerpt.ErrorGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The captured checkout → payments → postgres trace of the shared OTLP fixtures, through buffer and analysis. */
class TraceFixtureTest {
    private static final List<SpanRecord> SPANS =
            OtlpJsonFixture.spans("fixtures/otlp/composed-traces-two-services.json");

    @Test
    void theCapturedTraceFailsInTheDatabaseBehindPayments() {
        // given
        Instant start =
                SPANS.stream().map(SpanRecord::start).min(Instant::compareTo).orElseThrow();
        TraceBuffer buffer = new TraceBuffer(100, 100, Duration.ofMinutes(30), Clock.fixed(start, ZoneOffset.UTC));
        SPANS.forEach(buffer::add);
        Instant from = start.minusSeconds(60);
        Instant to = start.plusSeconds(60);

        // when
        List<Trace> traces = buffer.traces(Set.of("checkout"), from, to);
        TraceExcerpt excerpt = TraceAnalysis.excerpt(traces, Set.of("checkout", "payments"), from, to);

        // then
        assertThat(SPANS).hasSize(4);
        assertThat(traces).singleElement().satisfies(trace -> assertThat(trace.spans())
                .hasSize(4));
        assertThat(excerpt.erroringTraces()).isEqualTo(1);
        assertThat(excerpt.originCounts()).containsExactly(Map.entry("postgresql", 1));
        assertThat(excerpt.mostCommonPath().orElseThrow().text()).isEqualTo("checkout → payments → postgresql");
        assertThat(excerpt.mostCommonPath().orElseThrow().partialTraces()).isZero();
        assertThat(excerpt.errorSpans()).isEqualTo(4);
        assertThat(excerpt.errors())
                .extracting(ErrorGroup::service, ErrorGroup::message)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("checkout", "upstream payments returned 503"),
                        org.assertj.core.groups.Tuple.tuple("payments", "connection timeout"));
        assertThat(excerpt.slowest().get("checkout").get(0).name()).isEqualTo("POST /api/checkout");
    }
}
