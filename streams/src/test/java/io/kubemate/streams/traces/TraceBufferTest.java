package io.kubemate.streams.traces;

import static io.kubemate.streams.traces.Spans.T0;
import static io.kubemate.streams.traces.Spans.at;
import static io.kubemate.streams.traces.Spans.client;
import static io.kubemate.streams.traces.Spans.failed;
import static io.kubemate.streams.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.telemetry.Clusters;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TraceBufferTest {
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final Instant FROM = T0.minusSeconds(600);
    private static final Instant TO = T0.plusSeconds(600);

    private static TraceBuffer buffer(int maxTraces, int maxSpans) {
        return new TraceBuffer(maxTraces, maxSpans, Duration.ofMinutes(30), CLOCK);
    }

    private static List<String> ids(List<Trace> traces) {
        return traces.stream().map(Trace::traceId).toList();
    }

    @Test
    void returnsWholeTracesThatTouchTheServicesInTheWindowOrderedByStart() {
        // given
        TraceBuffer buffer = buffer(100, 100);
        buffer.add(span("t2", "a", "", "frontend", 50, 10));
        buffer.add(span("t2", "b", "a", "checkout", 51, 5));
        buffer.add(span("t1", "a", "", "frontend", 0, 10));
        buffer.add(span("t1", "b", "a", "checkout", 1, 5));
        buffer.add(span("t3", "a", "", "search", 0, 10));
        buffer.add(span("t4", "a", "", "checkout", Duration.ofMinutes(20).toMillis(), 10));

        // when
        List<Trace> found = buffer.traces(Set.of("checkout"), FROM, TO);

        // then
        assertThat(ids(found)).containsExactly("t1", "t2");
        assertThat(found.get(0).spans()).extracting(SpanRecord::service).containsExactly("frontend", "checkout");
        assertThat(buffer.traces(Set.of(), FROM, TO)).isEmpty();
        assertThat(buffer.trace("t3")).isPresent();
    }

    @Test
    void aClusterLimitsTheTracesToThoseOfThatClusterAndThoseNamingNone() {
        // given checkout traces in two clusters, and one whose spans name no cluster
        TraceBuffer buffer = buffer(100, 100);
        buffer.add(inCluster(span("t1", "a", "", "checkout", 0, 10), "eu-west-1-prod"));
        buffer.add(inCluster(span("t2", "a", "", "checkout", 1, 10), "us-east-1-prod"));
        buffer.add(span("t3", "a", "", "checkout", 2, 10));

        // then
        assertThat(ids(buffer.traces(Set.of("checkout"), Set.of("eu-west-1-prod"), FROM, TO)))
                .containsExactly("t1", "t3");
        assertThat(ids(buffer.traces(Set.of("checkout"), Set.of("us-east-1-prod", "x"), FROM, TO)))
                .containsExactly("t2", "t3");
        assertThat(ids(buffer.traces(Set.of("checkout"), Set.of(), FROM, TO))).containsExactly("t1", "t2", "t3");
    }

    private static SpanRecord inCluster(SpanRecord span, String cluster) {
        Map<String, String> attributes = new HashMap<>(span.attributes());
        attributes.put(Clusters.ATTRIBUTE, cluster);
        return new SpanRecord(
                span.traceId(),
                span.spanId(),
                span.parentSpanId(),
                span.service(),
                span.name(),
                span.kind(),
                span.start(),
                span.durationNanos(),
                span.error(),
                span.statusMessage(),
                span.httpStatus(),
                attributes,
                span.source());
    }

    @Test
    void aCalleeThatEmitsNoSpansFindsTheTracesThatCalledIt() {
        // given
        TraceBuffer buffer = buffer(100, 100);
        buffer.add(client(span("t1", "a", "", "payments", 0, 10), "db.system", "PostgreSQL"));

        // then
        assertThat(ids(buffer.traces(Set.of("postgresql"), FROM, TO))).containsExactly("t1");
    }

    @Test
    void beyondMaxTracesTheTraceThatLeastRecentlyReceivedASpanGoesFirst() {
        // given
        TraceBuffer buffer = buffer(2, 100);
        buffer.add(span("t1", "a", "", "checkout", 0, 10));
        buffer.add(span("t2", "a", "", "checkout", 1, 10));
        buffer.add(span("t1", "b", "a", "checkout", 2, 5));

        // when
        buffer.add(span("t3", "a", "", "checkout", 3, 10));

        // then
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(ids(buffer.traces(Set.of("checkout"), FROM, TO))).containsExactly("t1", "t3");
    }

    @Test
    void aFullTraceKeepsErrorSpansInPlaceOfOthers() {
        // given
        TraceBuffer buffer = buffer(10, 2);
        buffer.add(span("t1", "a", "", "checkout", 0, 10));
        buffer.add(span("t1", "b", "a", "checkout", 1, 5));

        // when
        buffer.add(span("t1", "c", "a", "checkout", 2, 5));
        buffer.add(failed(span("t1", "d", "a", "payments", 3, 5), "boom"));

        // then
        assertThat(buffer.trace("t1").orElseThrow().spans())
                .extracting(SpanRecord::spanId)
                .containsExactly("b", "d");
        assertThat(buffer.droppedSpans()).isEqualTo(1);
        assertThat(ids(buffer.traces(Set.of("payments"), FROM, TO))).containsExactly("t1");
    }

    @Test
    void spansAndTracesOlderThanTheRetentionOfTheNewestSpanAreForgotten() {
        // given
        TraceBuffer buffer = buffer(100, 100);
        buffer.add(span("old", "a", "", "checkout", -Duration.ofMinutes(40).toMillis(), 10));
        buffer.add(span("mid", "a", "", "checkout", -Duration.ofMinutes(20).toMillis(), 10));

        // when: the newest span moves the horizon to 30 minutes before T0 + 4 min
        buffer.add(span("new", "a", "", "checkout", Duration.ofMinutes(4).toMillis(), 10));
        buffer.add(span("late", "a", "", "checkout", -Duration.ofMinutes(27).toMillis(), 10));

        // then
        assertThat(buffer.trace("old")).isEmpty();
        assertThat(buffer.trace("mid")).isPresent();
        assertThat(buffer.trace("late")).isEmpty();
        assertThat(buffer.trace("new")).isPresent();
        assertThat(buffer.droppedSpans()).isEqualTo(1);
    }

    @Test
    void aSpanFromFarInTheFutureDoesNotAgeOutTheRest() {
        // given
        TraceBuffer buffer = buffer(100, 100);
        buffer.add(span("now", "a", "", "checkout", 0, 10));

        // when: a host whose clock is a day ahead
        buffer.add(at(span("skewed", "a", "", "checkout", 0, 10), T0.plus(Duration.ofDays(1))));
        buffer.add(span("recent", "a", "", "checkout", -Duration.ofMinutes(20).toMillis(), 10));

        // then: the horizon moved only to 30 minutes before T0 + 5 min
        assertThat(buffer.trace("now")).isPresent();
        assertThat(buffer.trace("recent")).isPresent();
        assertThat(buffer.trace("skewed")).isPresent();
    }

    @Test
    void aResentSpanReplacesItsEarlierCopy() {
        // given
        TraceBuffer buffer = buffer(10, 10);
        buffer.add(span("t1", "a", "", "checkout", 0, 10));

        // when
        buffer.add(failed(span("t1", "a", "", "checkout", 0, 10), "boom"));

        // then
        assertThat(buffer.trace("t1").orElseThrow().spans()).singleElement().satisfies(span -> assertThat(span.error())
                .isTrue());
    }

    @Test
    void readersGetConsistentCopiesWhileOneThreadWrites() throws Exception {
        // given
        TraceBuffer buffer = buffer(50, 20);
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            int reads = 0;
            while (writing.get() || reads == 0) {
                for (Trace trace : buffer.traces(Set.of("checkout"), FROM, TO)) {
                    assertThat(trace.spans()).hasSizeLessThanOrEqualTo(20);
                }
                reads++;
            }
            return reads;
        });

        // when
        for (int i = 0; i < 5_000; i++) {
            buffer.add(span("t" + (i % 200), "s" + i, "", "checkout", i % 1000, 1));
        }
        writing.set(false);

        // then
        assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
        assertThat(buffer.size()).isEqualTo(50);
        assertThat(buffer.traces(Set.of("checkout"), FROM, TO)).hasSize(50);
    }
}
