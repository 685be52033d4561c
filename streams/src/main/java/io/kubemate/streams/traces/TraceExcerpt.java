package io.kubemate.streams.traces;

import io.kubemate.core.telemetry.SpanRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the traces of some services show over a window, bounded by {@link TraceAnalysis.Limits}. Built by {@link
 * TraceAnalysis}.
 *
 * @param services the services asked about, sorted
 * @param from start of the window
 * @param to end of the window
 * @param traces how many traces touching the services in the window were examined
 * @param erroringTraces how many of them had an error path through one of the services (each has one origin)
 * @param errorSpans how many error spans of the services those traces held, before grouping and bounding
 * @param errors error spans of the services grouped by service, operation and message, most frequent first
 * @param slowest per service (sorted by name), its slowest spans, slowest first
 * @param origins candidate origin services with the number of erroring traces whose origin they were, most first
 * @param paths erroring paths from root to origin with their trace counts, most common first
 */
public record TraceExcerpt(
        Set<String> services,
        Instant from,
        Instant to,
        int traces,
        int erroringTraces,
        int errorSpans,
        List<ErrorGroup> errors,
        Map<String, List<SpanRecord>> slowest,
        List<OriginCount> origins,
        List<ErrorPath> paths) {

    public TraceExcerpt {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        services = services == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(services));
        errors = errors == null ? List.of() : List.copyOf(errors);
        TreeMap<String, List<SpanRecord>> sorted = new TreeMap<>();
        if (slowest != null) {
            slowest.forEach((service, spans) -> sorted.put(service, List.copyOf(spans)));
        }
        slowest = Collections.unmodifiableSortedMap(sorted);
        origins = origins == null ? List.of() : List.copyOf(origins);
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** Nothing seen for {@code services} in [{@code from}, {@code to}]. */
    public static TraceExcerpt empty(Set<String> services, Instant from, Instant to) {
        return new TraceExcerpt(services, from, to, 0, 0, 0, List.of(), Map.of(), List.of(), List.of());
    }

    /** Whether no trace was examined. */
    public boolean isEmpty() {
        return traces == 0;
    }

    /** The origin counts as a map, in {@link #origins()} order. */
    public Map<String, Integer> originCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        origins.forEach(origin -> counts.put(origin.service(), origin.traces()));
        return Collections.unmodifiableMap(counts);
    }

    /** The most common erroring path, when there was an erroring trace. */
    public Optional<ErrorPath> mostCommonPath() {
        return paths.stream().findFirst();
    }

    /**
     * Error spans of one service with the same operation and message.
     *
     * @param service the service (for a call to a callee that emits no spans: that callee, see {@link PeerNames})
     * @param operation the span name
     * @param message the status message, else the exception type, else {@code HTTP <status>}, may be empty
     * @param spans how many such spans
     * @param traces in how many traces
     * @param first when the first of them started
     * @param last when the last of them started
     * @param example the earliest of them
     */
    public record ErrorGroup(
            String service,
            String operation,
            String message,
            int spans,
            int traces,
            Instant first,
            Instant last,
            SpanRecord example) {
        public ErrorGroup {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
            Objects.requireNonNull(example, "example");
        }
    }

    /**
     * A candidate origin service.
     *
     * @param service the service where the deepest erroring span (whose children do not error) was
     * @param traces in how many erroring traces
     */
    public record OriginCount(String service, int traces) {
        public OriginCount {
            Objects.requireNonNull(service, "service");
        }
    }

    /**
     * An erroring path: the services from the root span (or the earliest known ancestor, in a partial trace) down to
     * the origin, consecutive repeats collapsed; {@code ?} stands for a span without service, {@code …} for services
     * left out of a very long path.
     *
     * @param services root first, origin last
     * @param traces in how many erroring traces
     * @param partialTraces how many of those were missing the path's root (parents not received)
     * @param exampleTraceId one trace that took it
     */
    public record ErrorPath(List<String> services, int traces, int partialTraces, String exampleTraceId) {
        public ErrorPath {
            services = List.copyOf(services);
            Objects.requireNonNull(exampleTraceId, "exampleTraceId");
        }

        /** The origin: the last service of the path. */
        public String origin() {
            return services.isEmpty() ? "" : services.get(services.size() - 1);
        }

        /** The path for people: {@code frontend → checkout → payments → postgresql}. */
        public String text() {
            return String.join(" → ", services);
        }
    }
}
