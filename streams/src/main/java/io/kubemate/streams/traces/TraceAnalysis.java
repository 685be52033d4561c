package io.kubemate.streams.traces;

import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.streams.traces.TraceExcerpt.ErrorGroup;
import io.kubemate.streams.traces.TraceExcerpt.ErrorPath;
import io.kubemate.streams.traces.TraceExcerpt.OriginCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pure functions from traces to a {@link TraceExcerpt}: the same traces, services and window give the same excerpt.
 *
 * <p>A span <em>errors</em> ({@link #isError}) when its error flag is set (status ERROR, HTTP 500 or more, or an
 * exception event, as the parsers set it), its HTTP status is 500 or more, or it carries an {@code exception.type}.
 *
 * <p>A span belongs to a service asked about when its own service is one, or when it is an outgoing call to one that
 * emits no spans of its own and the call has no child spans ({@link PeerNames}, e.g. {@code postgresql}). Traces and spans count when they touch the
 * window widened by {@link #SKEW_TOLERANCE} on each side, so services whose clocks disagree by up to that much are
 * still seen. Everything else is structural (parent and child, never time order), so clock skew does not change it.
 *
 * <p><b>Error propagation.</b> In each trace, every erroring span none of whose children errors is a candidate
 * origin; the deepest one (then the earliest, then the lowest span id) is the trace's origin, provided the path from
 * its root down to it passes through a service asked about (otherwise the error is unrelated to those services). The
 * origin's service is counted; when the origin is an outgoing call without child spans to a callee that emits none,
 * the callee is the origin and ends the path. Partial traces (parents missing) start their path at the earliest
 * known ancestor; cycles in bad data are cut (see {@code TraceForest}).
 */
public final class TraceAnalysis {
    /** How far outside the window traces and spans are still looked at, for clock skew between services. */
    public static final Duration SKEW_TOLERANCE = Duration.ofMinutes(1);

    /** Stands for a span without service in paths. */
    static final String UNKNOWN = "?";

    private static final String ELIDED = "…";
    private static final int MAX_PATH_SERVICES = 12;

    /**
     * Bounds of an excerpt.
     *
     * @param errorGroups at most this many error groups
     * @param slowestPerService at most this many slowest spans per service
     * @param origins at most this many origin services
     * @param paths at most this many erroring paths
     */
    public record Limits(int errorGroups, int slowestPerService, int origins, int paths) {
        public Limits {
            if (errorGroups < 0 || slowestPerService < 0 || origins < 0 || paths < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
        }

        /** 10 error groups, 5 slowest spans per service, 10 origins, 5 paths. */
        public static Limits defaults() {
            return new Limits(10, 5, 10, 5);
        }
    }

    private TraceAnalysis() {}

    /** Whether {@code span} failed (see the class comment). */
    public static boolean isError(SpanRecord span) {
        return span.error() || span.httpStatus() >= 500 || span.attributes().containsKey("exception.type");
    }

    /** {@link #excerpt(Collection, Set, Instant, Instant, Limits)} with {@link Limits#defaults()}. */
    public static TraceExcerpt excerpt(Collection<Trace> traces, Set<String> services, Instant from, Instant to) {
        return excerpt(traces, services, from, to, Limits.defaults());
    }

    /**
     * The excerpt of {@code traces} for {@code services} over [{@code from}, {@code to}]: traces not touching those
     * services in the window are ignored.
     */
    public static TraceExcerpt excerpt(
            Collection<Trace> traces, Set<String> services, Instant from, Instant to, Limits limits) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(limits, "limits");
        Set<String> asked = services == null ? Set.of() : Set.copyOf(services);
        Instant lo = from.minus(SKEW_TOLERANCE);
        Instant hi = to.plus(SKEW_TOLERANCE);
        Tally tally = new Tally(asked, limits.slowestPerService());
        for (Trace trace : traces) {
            TraceForest forest = new TraceForest(trace.spans());
            if (touches(forest, asked, lo, hi)) {
                tally.add(trace.traceId(), forest, lo, hi);
            }
        }
        return tally.excerpt(from, to, limits);
    }

    /** {@link #excerpt} of loose spans, grouped into traces by trace id first. */
    public static TraceExcerpt excerptOfSpans(
            Collection<SpanRecord> spans, Set<String> services, Instant from, Instant to, Limits limits) {
        Map<String, List<SpanRecord>> byTrace = new LinkedHashMap<>();
        spans.forEach(span ->
                byTrace.computeIfAbsent(span.traceId(), k -> new ArrayList<>()).add(span));
        List<Trace> traces = new ArrayList<>();
        byTrace.forEach((id, list) -> traces.add(new Trace(id, list)));
        return excerpt(traces, services, from, to, limits);
    }

    /**
     * The service among {@code asked} that {@code span} belongs to, or {@code null}: its own, or the callee of an
     * outgoing call without child spans (a callee that emits spans speaks for itself).
     */
    static String askedService(SpanRecord span, TraceForest forest, Set<String> asked) {
        if (asked.contains(span.service())) {
            return span.service();
        }
        if (!forest.children(span).isEmpty()) {
            return null;
        }
        Optional<String> callee = PeerNames.calleeOf(span);
        return callee.isPresent() && asked.contains(callee.get()) ? callee.get() : null;
    }

    private static boolean touches(TraceForest forest, Set<String> asked, Instant lo, Instant hi) {
        for (SpanRecord span : forest.spans()) {
            if (askedService(span, forest, asked) != null && overlaps(span, lo, hi)) {
                return true;
            }
        }
        return false;
    }

    static boolean overlaps(SpanRecord span, Instant lo, Instant hi) {
        Instant end = span.end().isBefore(span.start()) ? span.start() : span.end();
        return !span.start().isAfter(hi) && !end.isBefore(lo);
    }

    /** The trace's origin span, or {@code null} when no error path runs through a service asked about. */
    static SpanRecord origin(TraceForest forest, Set<String> asked) {
        SpanRecord best = null;
        for (SpanRecord span : forest.spans()) {
            if (!isError(span) || forest.children(span).stream().anyMatch(TraceAnalysis::isError)) {
                continue;
            }
            if (!fullPath(forest, span).stream().anyMatch(asked::contains)) {
                continue;
            }
            if (best == null || forest.depth(span) > forest.depth(best)) {
                best = span; // spans come ordered by start then id, so ties keep the earliest
            }
        }
        return best;
    }

    /** {@link #fullPath}, with the middle of a very long path elided. */
    static List<String> path(TraceForest forest, SpanRecord origin) {
        List<String> services = fullPath(forest, origin);
        if (services.size() > MAX_PATH_SERVICES) {
            List<String> cut = new ArrayList<>();
            cut.add(services.get(0));
            cut.add(ELIDED);
            cut.addAll(services.subList(services.size() - (MAX_PATH_SERVICES - 2), services.size()));
            return cut;
        }
        return services;
    }

    /** The services from the known root down to {@code origin}, repeats collapsed, the silent callee appended. */
    static List<String> fullPath(TraceForest forest, SpanRecord origin) {
        List<String> services = new ArrayList<>();
        for (SpanRecord span : forest.lineage(origin)) {
            append(services, span.service().isEmpty() ? UNKNOWN : span.service());
        }
        if (forest.children(origin).isEmpty()) {
            PeerNames.calleeOf(origin).ifPresent(callee -> append(services, callee));
        }
        return services;
    }

    private static void append(List<String> services, String service) {
        if (services.isEmpty() || !services.get(services.size() - 1).equals(service)) {
            services.add(service);
        }
    }

    private static String message(SpanRecord span) {
        if (!span.statusMessage().isBlank()) {
            return span.statusMessage().strip();
        }
        String type = span.attributes().get("exception.type");
        if (type != null && !type.isBlank()) {
            return type.strip();
        }
        return span.httpStatus() >= 500 ? "HTTP " + span.httpStatus() : "";
    }

    /** The running counts over the traces examined. */
    private static final class Tally {
        private static final Comparator<SpanRecord> SLOWEST_FIRST = Comparator.comparingLong(
                        (SpanRecord s) -> -Math.max(0, s.durationNanos()))
                .thenComparing(SpanRecord::start)
                .thenComparing(SpanRecord::spanId);

        private final Set<String> asked;
        private final Map<List<String>, GroupCount> groups = new LinkedHashMap<>();
        private final Map<String, PriorityQueue<SpanRecord>> slowestByService = new TreeMap<>();
        private final int slowestPerService;
        private final Map<String, Integer> origins = new HashMap<>();
        private final Map<List<String>, PathCount> paths = new LinkedHashMap<>();
        private int traces;
        private int erroringTraces;
        private int errorSpans;

        Tally(Set<String> asked, int slowestPerService) {
            this.asked = asked;
            this.slowestPerService = slowestPerService;
        }

        void add(String traceId, TraceForest forest, Instant lo, Instant hi) {
            traces++;
            for (SpanRecord span : forest.spans()) {
                String service = askedService(span, forest, asked);
                if (service == null || !overlaps(span, lo, hi)) {
                    continue;
                }
                keepIfSlow(service, span);
                if (isError(span)) {
                    errorSpans++;
                    groups.computeIfAbsent(List.of(service, span.name(), message(span)), k -> new GroupCount(span))
                            .add(span, traceId);
                }
            }
            SpanRecord origin = origin(forest, asked);
            if (origin == null) {
                return;
            }
            erroringTraces++;
            List<String> path = path(forest, origin);
            String originService = path.get(path.size() - 1);
            if (!originService.equals(UNKNOWN)) {
                origins.merge(originService, 1, Integer::sum);
            }
            paths.computeIfAbsent(path, k -> new PathCount(traceId)).add(forest.isPartial(origin));
        }

        /** Keeps the slowest spans per service in a min-heap (fastest of the kept on top) of bounded size. */
        private void keepIfSlow(String service, SpanRecord span) {
            if (slowestPerService == 0) {
                return;
            }
            PriorityQueue<SpanRecord> kept =
                    slowestByService.computeIfAbsent(service, k -> new PriorityQueue<>(SLOWEST_FIRST.reversed()));
            kept.add(span);
            if (kept.size() > slowestPerService) {
                kept.poll();
            }
        }

        TraceExcerpt excerpt(Instant from, Instant to, Limits limits) {
            List<ErrorGroup> errorGroups = groups.entrySet().stream()
                    .map(e -> e.getValue().toGroup(e.getKey()))
                    .sorted(Comparator.comparingInt((ErrorGroup g) -> -g.spans())
                            .thenComparing(ErrorGroup::first)
                            .thenComparing(ErrorGroup::service)
                            .thenComparing(ErrorGroup::operation))
                    .limit(limits.errorGroups())
                    .toList();
            Map<String, List<SpanRecord>> slowest = new TreeMap<>();
            slowestByService.forEach((service, spans) ->
                    slowest.put(service, spans.stream().sorted(SLOWEST_FIRST).toList()));
            List<OriginCount> originCounts = origins.entrySet().stream()
                    .map(e -> new OriginCount(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingInt((OriginCount o) -> -o.traces())
                            .thenComparing(OriginCount::service))
                    .limit(limits.origins())
                    .toList();
            List<ErrorPath> errorPaths = paths.entrySet().stream()
                    .map(e -> e.getValue().toPath(e.getKey()))
                    .sorted(Comparator.comparingInt((ErrorPath p) -> -p.traces())
                            .thenComparing(ErrorPath::text))
                    .limit(limits.paths())
                    .toList();
            return new TraceExcerpt(
                    asked,
                    from,
                    to,
                    traces,
                    erroringTraces,
                    errorSpans,
                    errorGroups,
                    slowest,
                    originCounts,
                    errorPaths);
        }
    }

    private static final class GroupCount {
        private SpanRecord example;
        private final Set<String> traceIds = new HashSet<>();
        private int spans;
        private Instant first;
        private Instant last;

        GroupCount(SpanRecord example) {
            this.example = example;
            this.first = example.start();
            this.last = example.start();
        }

        void add(SpanRecord span, String traceId) {
            spans++;
            traceIds.add(traceId);
            if (span.start().isBefore(first)) {
                first = span.start();
                example = span;
            }
            last = span.start().isAfter(last) ? span.start() : last;
        }

        ErrorGroup toGroup(List<String> key) {
            return new ErrorGroup(key.get(0), key.get(1), key.get(2), spans, traceIds.size(), first, last, example);
        }
    }

    private static final class PathCount {
        private final String exampleTraceId;
        private int traces;
        private int partial;

        PathCount(String exampleTraceId) {
            this.exampleTraceId = exampleTraceId;
        }

        void add(boolean isPartial) {
            traces++;
            partial += isPartial ? 1 : 0;
        }

        ErrorPath toPath(List<String> services) {
            return new ErrorPath(services, traces, partial, exampleTraceId);
        }
    }
}
