package io.kubemate.streams.traces;

import static io.kubemate.streams.traces.Spans.T0;
import static io.kubemate.streams.traces.Spans.at;
import static io.kubemate.streams.traces.Spans.client;
import static io.kubemate.streams.traces.Spans.failed;
import static io.kubemate.streams.traces.Spans.span;
import static io.kubemate.streams.traces.Spans.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.streams.traces.TraceExcerpt.ErrorGroup;
import io.kubemate.streams.traces.TraceExcerpt.ErrorPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceAnalysisTest {
    private static final Instant FROM = T0.minus(Duration.ofMinutes(5));
    private static final Instant TO = T0.plus(Duration.ofMinutes(5));

    /**
     * frontend → checkout → payments → postgresql, every hop failing, with a healthy call from checkout to cart
     * beside it.
     */
    private static List<SpanRecord> databaseFailure(String trace, long offsetMillis) {
        long t = offsetMillis;
        return List.of(
                withStatus(failed(span(trace, "a1", "", "frontend", t, 100), "bad gateway"), 502),
                failed(span(trace, "b1", "a1", "checkout", t + 5, 90), "upstream payments returned 503"),
                failed(
                        client(span(trace, "b2", "b1", "checkout", t + 6, 80), "server.address", "payments.shop.svc"),
                        ""),
                withStatus(failed(span(trace, "c1", "b2", "payments", t + 7, 78), ""), 503),
                failed(
                        client(span(trace, "c2", "c1", "payments", t + 8, 75), "db.system.name", "postgresql"),
                        "connection timeout"),
                client(span(trace, "b3", "b1", "checkout", t + 1, 3), "server.address", "cart.shop.svc"),
                span(trace, "d1", "b3", "cart", t + 1, 2));
    }

    /** The same shape, but payments fails on its own and the database answers. */
    private static List<SpanRecord> paymentsFailure(String trace, long offsetMillis) {
        long t = offsetMillis;
        return List.of(
                failed(span(trace, "a1", "", "frontend", t, 100), ""),
                failed(span(trace, "b1", "a1", "checkout", t + 5, 90), ""),
                failed(span(trace, "c1", "b1", "payments", t + 7, 78), "NullPointerException"),
                client(span(trace, "c2", "c1", "payments", t + 8, 5), "db.system.name", "postgresql"));
    }

    private static Trace trace(String id, List<SpanRecord> spans) {
        return new Trace(id, spans);
    }

    @Test
    void theOriginIsTheDeepestErroringSpanWhoseChildrenDoNotErrorAndThePathRunsFromTheRoot() {
        // given
        Trace trace = trace("t1", databaseFailure("t1", 0));

        // when
        TraceExcerpt excerpt = TraceAnalysis.excerpt(List.of(trace), Set.of("checkout"), FROM, TO);

        // then
        assertThat(excerpt.traces()).isEqualTo(1);
        assertThat(excerpt.erroringTraces()).isEqualTo(1);
        assertThat(excerpt.originCounts()).containsExactly(Map.entry("postgresql", 1));
        ErrorPath path = excerpt.mostCommonPath().orElseThrow();
        assertThat(path.services()).containsExactly("frontend", "checkout", "payments", "postgresql");
        assertThat(path.text()).isEqualTo("frontend → checkout → payments → postgresql");
        assertThat(path.traces()).isEqualTo(1);
        assertThat(path.partialTraces()).isZero();
        assertThat(path.exampleTraceId()).isEqualTo("t1");
    }

    @Test
    void countsOriginsAcrossTracesAndRanksPathsByHowManyTracesTookThem() {
        // given
        List<Trace> traces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            traces.add(trace("db" + i, databaseFailure("db" + i, i * 1000L)));
        }
        traces.add(trace("np", paymentsFailure("np", 500)));

        // when
        TraceExcerpt excerpt = TraceAnalysis.excerpt(traces, Set.of("checkout", "payments"), FROM, TO);

        // then
        assertThat(excerpt.erroringTraces()).isEqualTo(4);
        assertThat(excerpt.originCounts()).containsExactly(Map.entry("postgresql", 3), Map.entry("payments", 1));
        assertThat(excerpt.paths())
                .extracting(ErrorPath::text, ErrorPath::traces)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("frontend → checkout → payments → postgresql", 3),
                        org.assertj.core.groups.Tuple.tuple("frontend → checkout → payments", 1));
    }

    @Test
    void errorsOffEveryPathThroughTheServicesAskedAboutAreNotCounted() {
        // given: checkout answers fine; a recommendations call beside it fails
        Trace trace = trace(
                "t1",
                List.of(
                        span("t1", "a1", "", "frontend", 0, 100),
                        span("t1", "b1", "a1", "checkout", 5, 50),
                        failed(span("t1", "r1", "a1", "recommendations", 6, 20), "model timeout")));

        // when
        TraceExcerpt checkout = TraceAnalysis.excerpt(List.of(trace), Set.of("checkout"), FROM, TO);
        TraceExcerpt frontend = TraceAnalysis.excerpt(List.of(trace), Set.of("frontend"), FROM, TO);

        // then
        assertThat(checkout.traces()).isEqualTo(1);
        assertThat(checkout.erroringTraces()).isZero();
        assertThat(checkout.origins()).isEmpty();
        assertThat(frontend.originCounts()).containsExactly(Map.entry("recommendations", 1));
    }

    @Test
    void aPartialTraceStartsItsPathAtTheEarliestKnownAncestor() {
        // given: the frontend's span never arrived
        List<SpanRecord> spans = new ArrayList<>(databaseFailure("t1", 0));
        spans.remove(0);

        // when
        TraceExcerpt excerpt = TraceAnalysis.excerpt(List.of(trace("t1", spans)), Set.of("payments"), FROM, TO);

        // then
        ErrorPath path = excerpt.mostCommonPath().orElseThrow();
        assertThat(path.services()).containsExactly("checkout", "payments", "postgresql");
        assertThat(path.partialTraces()).isEqualTo(1);
        assertThat(excerpt.originCounts()).containsExactly(Map.entry("postgresql", 1));
    }

    @Test
    void cyclesAndSelfParentsInBadDataEndTheWalk() {
        // given: x and y name each other as parent, z names itself
        Trace trace = trace(
                "t1",
                List.of(
                        failed(span("t1", "x", "y", "checkout", 0, 10), "boom"),
                        failed(span("t1", "y", "x", "payments", 10, 10), "boom"),
                        failed(span("t1", "z", "z", "payments", 20, 10), "boom")));

        // when
        TraceExcerpt excerpt = TraceAnalysis.excerpt(List.of(trace), Set.of("checkout", "payments"), FROM, TO);

        // then: the cycle is cut at y (it closes the walk from the earliest span), so x is y's erroring child
        assertThat(excerpt.erroringTraces()).isEqualTo(1);
        assertThat(excerpt.originCounts()).containsExactly(Map.entry("checkout", 1));
        assertThat(excerpt.mostCommonPath().orElseThrow().services()).containsExactly("payments", "checkout");
        assertThat(excerpt.mostCommonPath().orElseThrow().partialTraces()).isEqualTo(1);
        assertThat(excerpt.errorSpans()).isEqualTo(3);
    }

    @Test
    void skewedClocksChangeNeitherTheOriginNorWhatIsInTheWindow() {
        // given: payments' clock runs 40 s behind, so its spans start before their parents and before the window
        List<SpanRecord> spans = new ArrayList<>();
        for (SpanRecord span : databaseFailure("t1", 0)) {
            spans.add(span.service().equals("payments") ? at(span, span.start().minusSeconds(40)) : span);
        }
        Instant from = T0.minusSeconds(1);

        // when
        TraceExcerpt excerpt = TraceAnalysis.excerpt(List.of(trace("t1", spans)), Set.of("payments"), from, TO);

        // then
        assertThat(excerpt.traces()).isEqualTo(1);
        assertThat(excerpt.originCounts()).containsExactly(Map.entry("postgresql", 1));
        assertThat(excerpt.errors()).extracting(ErrorGroup::service).contains("payments");
    }

    @Test
    void tracesOutsideTheWindowOrNotTouchingTheServicesAreIgnored() {
        // given
        Trace late =
                trace("late", databaseFailure("late", Duration.ofMinutes(30).toMillis()));
        Trace elsewhere = trace("other", List.of(failed(span("other", "a", "", "search", 0, 5), "x")));

        // when
        TraceExcerpt excerpt = TraceAnalysis.excerpt(List.of(late, elsewhere), Set.of("checkout"), FROM, TO);

        // then
        assertThat(excerpt.isEmpty()).isTrue();
        assertThat(excerpt.erroringTraces()).isZero();
        assertThat(excerpt.slowest()).isEmpty();
    }

    @Test
    void listsTheSlowestSpansOfEachServiceSlowestFirstBounded() {
        // given
        List<Trace> traces = new ArrayList<>();
        long[] durations = {30, 700, 5, 90, 1200};
        for (int i = 0; i < durations.length; i++) {
            String id = "t" + i;
            traces.add(trace(
                    id,
                    List.of(
                            span(id, "a", "", "checkout", i * 10L, durations[i] + 10),
                            span(id, "b", "a", "payments", i * 10L + 1, durations[i]))));
        }

        // when
        TraceExcerpt excerpt = TraceAnalysis.excerpt(
                traces, Set.of("checkout", "payments"), FROM, TO, new TraceAnalysis.Limits(10, 3, 10, 5));

        // then
        assertThat(excerpt.slowest()).containsOnlyKeys("checkout", "payments");
        assertThat(excerpt.slowest().get("payments"))
                .extracting(SpanRecord::durationMillis)
                .containsExactly(1200.0, 700.0, 90.0);
        assertThat(excerpt.slowest().get("checkout")).hasSize(3);
    }

    @Test
    void groupsErrorSpansByServiceOperationAndMessageMostFrequentFirstBounded() {
        // given
        List<Trace> traces = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            traces.add(trace("db" + i, databaseFailure("db" + i, i * 1000L)));
        }

        // when
        TraceExcerpt excerpt =
                TraceAnalysis.excerpt(traces, Set.of("payments"), FROM, TO, new TraceAnalysis.Limits(1, 5, 10, 5));

        // then: payments' server span and its database call, 4 each; the earlier-starting group wins the tie
        assertThat(excerpt.errorSpans()).isEqualTo(8);
        assertThat(excerpt.errors()).hasSize(1);
        ErrorGroup group = excerpt.errors().get(0);
        assertThat(group.service()).isEqualTo("payments");
        assertThat(group.operation()).isEqualTo("GET /payments");
        assertThat(group.message()).isEqualTo("HTTP 503");
        assertThat(group.spans()).isEqualTo(4);
        assertThat(group.traces()).isEqualTo(4);
        assertThat(group.first()).isEqualTo(T0.plusMillis(7));
        assertThat(group.last()).isEqualTo(T0.plusMillis(3007));
        assertThat(group.example().traceId()).isEqualTo("db0");
    }

    @Test
    void aCalleeThatEmitsNoSpansIsAskedAboutThroughTheCallsToIt() {
        // when
        TraceExcerpt excerpt =
                TraceAnalysis.excerpt(List.of(trace("t1", databaseFailure("t1", 0))), Set.of("postgresql"), FROM, TO);

        // then
        assertThat(excerpt.traces()).isEqualTo(1);
        assertThat(excerpt.originCounts()).containsExactly(Map.entry("postgresql", 1));
        assertThat(excerpt.errors()).singleElement().satisfies(group -> assertThat(group.message())
                .isEqualTo("connection timeout"));
    }

    @Test
    void errorFlagStatusAndExceptionsMakeASpanFail() {
        SpanRecord ok = span("t", "a", "", "checkout", 0, 1);
        assertThat(TraceAnalysis.isError(ok)).isFalse();
        assertThat(TraceAnalysis.isError(withStatus(ok, 404))).isFalse();
        assertThat(TraceAnalysis.isError(withStatus(ok, 500))).isTrue();
        assertThat(TraceAnalysis.isError(failed(ok, ""))).isTrue();
        assertThat(TraceAnalysis.isError(client(ok, "exception.type", "java.io.IOException")))
                .isTrue();
    }

    @Test
    void looseSpansAreGroupedByTrace() {
        // given
        List<SpanRecord> spans = new ArrayList<>(databaseFailure("t1", 0));
        spans.addAll(paymentsFailure("t2", 10));

        // when
        TraceExcerpt excerpt =
                TraceAnalysis.excerptOfSpans(spans, Set.of("checkout"), FROM, TO, TraceAnalysis.Limits.defaults());

        // then
        assertThat(excerpt.traces()).isEqualTo(2);
        assertThat(excerpt.originCounts()).containsOnlyKeys("postgresql", "payments");
    }
}
