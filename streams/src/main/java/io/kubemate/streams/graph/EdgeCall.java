package io.kubemate.streams.graph;

import java.util.Objects;

/**
 * One call from one service to another, as derived from spans; the value of the calls repartition topic, keyed by
 * {@code caller->callee}.
 *
 * @param caller the calling service
 * @param callee the called service
 * @param atMillis when the call started (span time, epoch millis)
 * @param durationNanos how long it took, as the caller saw it when it recorded the call, else as the callee did
 * @param error whether it failed
 */
record EdgeCall(String caller, String callee, long atMillis, long durationNanos, boolean error) {
    EdgeCall {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
    }
}
