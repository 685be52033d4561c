package io.kubemate.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How pulled logs, spans and series become bounded evidence items. */
class EvidenceMappingTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:50:00Z");

    private static SpanRecord span(String trace, String id, String parent, boolean error, long durationMs) {
        return new SpanRecord(
                trace,
                id,
                parent,
                "checkout",
                "GET /cart",
                SpanKind.SERVER,
                T0,
                durationMs * 1_000_000,
                error,
                "",
                500,
                Map.of(),
                "jaeger");
    }

    @Test
    void downsamplesToFirstLastAndTheHighestPoint() {
        List<MetricSeries.Point> points = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> points.add(new MetricSeries.Point(T0.plusSeconds(i), i == 37 ? 1e6 : i)));

        List<MetricSeries.Point> shown = PrometheusEvidence.downsample(points);

        assertThat(shown).hasSizeLessThanOrEqualTo(PrometheusEvidence.POINTS_SHOWN);
        assertThat(shown.get(0)).isEqualTo(points.get(0));
        assertThat(shown.get(shown.size() - 1)).isEqualTo(points.get(99));
        assertThat(shown).contains(points.get(37));
        assertThat(shown).extracting(MetricSeries.Point::time).isSorted();
    }

    @Test
    void metricItemsAreBoundedPerExpressionAndSkipEmptySeries() {
        List<MetricSeries> series = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            series.add(new MetricSeries(Map.of("pod", "p" + i), List.of(new MetricSeries.Point(T0, i))));
        }
        series.add(new MetricSeries(Map.of("pod", "empty"), List.of()));

        List<EvidenceItem> items = PrometheusEvidence.items("up == 0", "", series);

        assertThat(items).hasSize(PrometheusEvidence.SERIES_PER_EXPRESSION);
        assertThat(items).extracting(i -> i.attributes().get("max")).containsExactly("5", "4", "3");
        assertThat(items).extracting(EvidenceItem::key).doesNotHaveDuplicates();
    }

    @Test
    void groupsErrorSpansAndPutsTheDeepestErroringOnesFirst() {
        List<SpanRecord> spans = List.of(
                span("t1", "a", "", true, 900),
                span("t1", "b", "a", true, 20),
                span("t2", "c", "", true, 800),
                new SpanRecord(
                        "t2",
                        "d",
                        "c",
                        "db",
                        "SELECT",
                        SpanKind.CLIENT,
                        T0,
                        5_000_000,
                        true,
                        "timeout",
                        0,
                        Map.of(),
                        "jaeger"),
                span("t3", "e", "", false, 1));

        List<EvidenceItem> items = JaegerEvidence.items(spans, 8);

        assertThat(items)
                .extracting(EvidenceItem::title)
                .containsExactly("checkout GET /cart 500 in 20 ms (3 spans in 2 traces)", "db SELECT failed in 5 ms");
        assertThat(items.get(0).attributes())
                .containsEntry("count", "3")
                .containsEntry("origin", "true")
                .containsEntry("spanId", "b");
    }

    @Test
    void summarisesLogsWithDistinctExamplesErrorsFirst() {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            entries.add(new LogEntry(
                    "cart", T0.plusSeconds(i), "timeout after " + i + " ms", "error", Map.of(), "", "", "loki-query"));
        }
        entries.add(new LogEntry("cart", T0.plusSeconds(99), "retrying", "warn", Map.of(), "", "", "loki-query"));

        EvidenceItem item = LokiEvidence.summary("cart", "{service_name=\"cart\"}", entries, 51)
                .get(0);

        assertThat(item.title()).isEqualTo("cart: at least 51 warning/error lines in Loki (50 error, 1 warn)");
        assertThat(item.lines()).hasSize(2);
        assertThat(item.lines().get(0)).endsWith("timeout after 49 ms");
        assertThat(item.lines().get(1)).endsWith("retrying");
        assertThat(item.from()).isEqualTo(T0);
        assertThat(item.to()).isEqualTo(T0.plusSeconds(99));
        assertThat(item.attributes()).containsEntry("limitReached", "true").containsEntry("errors", "50");
        assertThat(LokiEvidence.summary("cart", "q", List.of(), 10)).isEmpty();
    }

    @Test
    void formatsDurationsAndNumbersForPeople() {
        assertThat(Texts.duration(850_000)).isEqualTo("850 µs");
        assertThat(Texts.duration(12_345_000)).isEqualTo("12.3 ms");
        assertThat(Texts.duration(1_200_000_000)).isEqualTo("1.2 s");
        assertThat(Texts.number(0.000123456, 4)).isEqualTo("0.0001235");
        assertThat(Texts.number(1234567, 4)).isEqualTo("1235000");
        assertThat(Texts.number(Double.NaN, 4)).isEqualTo("NaN");
        assertThat(Texts.hexId("ABC", 16)).isEqualTo("0000000000000abc");
        assertThat(Texts.hexId("xyz", 16)).isEmpty();
    }
}
