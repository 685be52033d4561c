package io.kubemate.streams.graph;

import io.kubemate.core.evidence.ServiceEdge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One edge's calls over the sliding window, in slices of span time; the value of the window store.
 *
 * @param caller the calling service
 * @param callee the called service
 * @param slices the slices with calls, oldest first
 * @param lastSeenMillis when the newest call started (span time)
 * @param touchedMillis when a call was last received (wall clock), for expiry
 * @param dirty whether it changed since it was last published
 */
record EdgeWindow(
        String caller, String callee, List<Slice> slices, long lastSeenMillis, long touchedMillis, boolean dirty) {

    /**
     * The calls of one slice.
     *
     * @param startMillis its start (span time), a multiple of the slice length
     * @param requests calls
     * @param errors failed calls
     * @param latency latency bucket ({@link LatencyHistogram}) to calls
     */
    record Slice(long startMillis, long requests, long errors, Map<Integer, Long> latency) {
        Slice {
            latency = Map.copyOf(latency);
        }
    }

    EdgeWindow {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        slices = List.copyOf(slices);
    }

    static EdgeWindow empty(String caller, String callee) {
        return new EdgeWindow(caller, callee, List.of(), Long.MIN_VALUE, 0, false);
    }

    /** This window with {@code call} counted in its slice ({@code sliceMillis} long); marked dirty. */
    EdgeWindow add(EdgeCall call, long atMillis, long sliceMillis, long nowWallMillis) {
        long start = Math.floorDiv(atMillis, sliceMillis) * sliceMillis;
        List<Slice> next = new ArrayList<>(slices.size() + 1);
        boolean added = false;
        for (Slice slice : slices) {
            if (!added && slice.startMillis() == start) {
                next.add(plus(slice, call));
                added = true;
            } else if (!added && slice.startMillis() > start) {
                next.add(plus(new Slice(start, 0, 0, Map.of()), call));
                next.add(slice);
                added = true;
            } else {
                next.add(slice);
            }
        }
        if (!added) {
            next.add(plus(new Slice(start, 0, 0, Map.of()), call));
        }
        return new EdgeWindow(caller, callee, next, Math.max(lastSeenMillis, atMillis), nowWallMillis, true);
    }

    private static Slice plus(Slice slice, EdgeCall call) {
        Map<Integer, Long> latency = new HashMap<>(slice.latency());
        latency.merge(LatencyHistogram.bucket(call.durationNanos()), 1L, Long::sum);
        return new Slice(slice.startMillis(), slice.requests() + 1, slice.errors() + (call.error() ? 1 : 0), latency);
    }

    /** This window without the slices that ended at or before {@code horizonMillis}; dirty when that dropped any. */
    EdgeWindow prune(long horizonMillis, long sliceMillis) {
        List<Slice> kept = slices.stream()
                .filter(slice -> slice.startMillis() + sliceMillis > horizonMillis)
                .toList();
        return kept.size() == slices.size()
                ? this
                : new EdgeWindow(caller, callee, kept, lastSeenMillis, touchedMillis, true);
    }

    EdgeWindow published() {
        return new EdgeWindow(caller, callee, slices, lastSeenMillis, touchedMillis, false);
    }

    /** The edge as of {@code nowMillis} (span time) over a window of {@code windowMillis}. */
    ServiceEdge toEdge(long nowMillis, long windowMillis) {
        long requests = 0;
        long errors = 0;
        Map<Integer, Long> latency = new HashMap<>();
        for (Slice slice : slices) {
            requests += slice.requests();
            errors += slice.errors();
            slice.latency().forEach((bucket, count) -> latency.merge(bucket, count, Long::sum));
        }
        double seconds = windowMillis / 1000.0;
        return new ServiceEdge(
                caller,
                callee,
                Instant.ofEpochMilli(nowMillis - windowMillis),
                Instant.ofEpochMilli(nowMillis),
                requests,
                errors,
                round(requests / seconds),
                requests == 0 ? 0 : round((double) errors / requests),
                LatencyHistogram.quantileMillis(latency, 0.95),
                Instant.ofEpochMilli(lastSeenMillis));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
