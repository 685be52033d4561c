package io.kubemate.streams.traces;

import io.kubemate.core.telemetry.Clusters;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Recent spans in memory, grouped by trace, bounded three ways:
 *
 * <ul>
 *   <li>at most {@code maxTraces} traces: the trace that least recently received a span goes first;
 *   <li>at most {@code maxSpansPerTrace} spans per trace: once full, further spans are dropped, except error spans,
 *       which replace the oldest non-error span (so the error analysis still sees what failed);
 *   <li>nothing older than {@code retention} of span time: a span that ended more than {@code retention} before the
 *       newest span end seen is not kept, and traces whose last span is that old are evicted, oldest first.
 * </ul>
 *
 * <p>The newest span time seen is capped at five minutes past the clock, so one span from a host whose clock runs far
 * ahead cannot age out everything else. A span re-sent with the same span id replaces the earlier copy. The services
 * a trace touches are its spans' services plus the callees their outgoing calls name ({@link PeerNames}), so a
 * database that emits no spans still finds the traces that called it.
 *
 * <p>Thread-safe: {@link #add(SpanRecord)} takes a write lock, the queries a read lock and return copies, so one
 * writer (the telemetry consumer) and any number of readers (evidence workers) may use it at once. Queries scan every
 * held trace: cheap at the default bounds.
 */
public final class TraceBuffer {
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    private static final Comparator<SpanRecord> BY_START =
            Comparator.comparing(SpanRecord::start).thenComparing(SpanRecord::spanId);

    private final int maxTraces;
    private final int maxSpansPerTrace;
    private final Duration retention;
    private final Clock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** In order of the last span received: the head is the first to go. */
    private final LinkedHashMap<String, Entry> traces = new LinkedHashMap<>();

    private Instant newest = Instant.EPOCH;
    private long droppedSpans;

    /**
     * @throws IllegalArgumentException when a bound is not positive
     */
    public TraceBuffer(int maxTraces, int maxSpansPerTrace, Duration retention, Clock clock) {
        if (maxTraces < 1 || maxSpansPerTrace < 1) {
            throw new IllegalArgumentException("maxTraces and maxSpansPerTrace must be positive");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.maxTraces = maxTraces;
        this.maxSpansPerTrace = maxSpansPerTrace;
        this.retention = retention;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** 20,000 traces, 200 spans per trace, 30 minutes, the system clock. */
    public static TraceBuffer defaults() {
        return new TraceBuffer(20_000, 200, Duration.ofMinutes(30), Clock.systemUTC());
    }

    /** Keeps {@code span} unless it is older than the retention or its trace is full (see the class comment). */
    public void add(SpanRecord span) {
        Objects.requireNonNull(span, "span");
        lock.writeLock().lock();
        try {
            Instant ceiling = clock.instant().plus(FUTURE_TOLERANCE);
            Instant end = span.end().isAfter(ceiling) ? ceiling : span.end();
            if (end.isAfter(newest)) {
                newest = end;
            }
            Instant cutoff = newest.minus(retention);
            if (end.isBefore(cutoff)) {
                droppedSpans++;
                return;
            }
            Entry entry = traces.remove(span.traceId());
            if (entry == null) {
                entry = new Entry(span.traceId());
            }
            if (!entry.add(span, maxSpansPerTrace)) {
                droppedSpans++;
            }
            traces.put(span.traceId(), entry);
            evict(cutoff);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void evict(Instant cutoff) {
        Iterator<Entry> oldest = traces.values().iterator();
        while (oldest.hasNext()) {
            Entry head = oldest.next();
            if (traces.size() > maxTraces || head.lastEnd.isBefore(cutoff)) {
                oldest.remove();
            } else {
                return;
            }
        }
    }

    /**
     * The traces that touch any of {@code services} (see the class comment) and whose time range overlaps [{@code
     * from}, {@code to}], whole (every span held, of any service), ordered by start. An empty set matches nothing.
     */
    public List<Trace> traces(Set<String> services, Instant from, Instant to) {
        return traces(services, Set.of(), from, to);
    }

    /**
     * Like {@link #traces(Set, Instant, Instant)}, limited to traces in any of {@code clusters} (a span's {@link
     * Clusters#ATTRIBUTE}); a trace whose spans name no cluster, and any trace when {@code clusters} is empty, match.
     */
    public List<Trace> traces(Set<String> services, Set<String> clusters, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (services == null || services.isEmpty()) {
            return List.of();
        }
        List<Trace> found = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Entry entry : traces.values()) {
                if (!entry.firstStart.isAfter(to)
                        && !entry.lastEnd.isBefore(from)
                        && !Collections.disjoint(entry.services, services)
                        && entry.inAny(clusters)) {
                    found.add(entry.toTrace());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        found.sort(Comparator.comparing(Trace::start).thenComparing(Trace::traceId));
        return found;
    }

    /** The trace with id {@code traceId}, when held. */
    public Optional<Trace> trace(String traceId) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(traces.get(traceId)).map(Entry::toTrace);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many traces it holds. */
    public int size() {
        lock.readLock().lock();
        try {
            return traces.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many spans it did not keep (too old, or their trace was full). */
    public long droppedSpans() {
        lock.readLock().lock();
        try {
            return droppedSpans;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One trace's spans; guarded by the buffer's lock. */
    private static final class Entry {
        private final String traceId;
        private final Map<String, SpanRecord> spans = new LinkedHashMap<>();
        private Set<String> services = new HashSet<>();
        private Set<String> clusters = new HashSet<>();
        private Instant firstStart = Instant.MAX;
        private Instant lastEnd = Instant.MIN;

        Entry(String traceId) {
            this.traceId = traceId;
        }

        /** Adds or replaces {@code span}; false when it was dropped because the trace is full. */
        boolean add(SpanRecord span, int max) {
            if (!spans.containsKey(span.spanId()) && spans.size() >= max) {
                if (!TraceAnalysis.isError(span) || !dropOldestNonError()) {
                    return false;
                }
                spans.put(span.spanId(), span);
                recompute();
                return true;
            }
            boolean replaced = spans.put(span.spanId(), span) != null;
            if (replaced) {
                recompute();
            } else {
                include(span);
            }
            return true;
        }

        private boolean dropOldestNonError() {
            Iterator<SpanRecord> it = spans.values().iterator();
            while (it.hasNext()) {
                if (!TraceAnalysis.isError(it.next())) {
                    it.remove();
                    return true;
                }
            }
            return false;
        }

        private void recompute() {
            services = new HashSet<>();
            clusters = new HashSet<>();
            firstStart = Instant.MAX;
            lastEnd = Instant.MIN;
            spans.values().forEach(this::include);
        }

        private void include(SpanRecord span) {
            if (!span.service().isEmpty()) {
                services.add(span.service());
            }
            PeerNames.calleeOf(span).ifPresent(services::add);
            String cluster = span.attributes().get(Clusters.ATTRIBUTE);
            if (cluster != null && !cluster.isEmpty()) {
                clusters.add(cluster);
            }
            if (span.start().isBefore(firstStart)) {
                firstStart = span.start();
            }
            if (span.end().isAfter(lastEnd)) {
                lastEnd = span.end();
            }
        }

        /** Whether the trace names no cluster, {@code wanted} is empty, or they share one. */
        boolean inAny(Set<String> wanted) {
            return wanted == null || wanted.isEmpty() || clusters.isEmpty() || !Collections.disjoint(clusters, wanted);
        }

        Trace toTrace() {
            List<SpanRecord> sorted = new ArrayList<>(spans.values());
            sorted.sort(BY_START);
            return new Trace(traceId, sorted);
        }
    }
}
