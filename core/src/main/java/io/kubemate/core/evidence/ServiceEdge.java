package io.kubemate.core.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * One caller → callee edge of the service graph over a sliding window; the value of the compacted {@code
 * kubemate.service-graph} topic (keyed by {@link #key()}).
 *
 * @param caller the calling service
 * @param callee the called service
 * @param windowStart start of the window the figures cover
 * @param windowEnd end of that window
 * @param requests calls seen in the window
 * @param errors failed calls in the window
 * @param requestRate calls per second over the window
 * @param errorRate {@code errors / requests}, 0 when there were none
 * @param p95Millis 95th percentile latency of the calls in milliseconds
 * @param lastSeen when a call on this edge was last seen
 */
public record ServiceEdge(
        String caller,
        String callee,
        Instant windowStart,
        Instant windowEnd,
        long requests,
        long errors,
        double requestRate,
        double errorRate,
        double p95Millis,
        Instant lastSeen) {

    public ServiceEdge {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The record key, {@code caller->callee}. */
    public String key() {
        return key(caller, callee);
    }

    /** The record key of the edge from {@code caller} to {@code callee}. */
    public static String key(String caller, String callee) {
        return caller + "->" + callee;
    }
}
