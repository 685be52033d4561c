package io.kubemate.streams.graph;

import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.streams.traces.PeerNames;
import io.kubemate.streams.traces.TraceAnalysis;

/**
 * What the call derivation remembers of a span until its parent or children have been seen.
 *
 * @param service its service, may be empty
 * @param kind its kind
 * @param startMillis when it started (epoch millis)
 * @param durationNanos how long it took
 * @param error whether it failed ({@link TraceAnalysis#isError})
 * @param callee the callee an outgoing call names ({@link PeerNames}), empty when none
 * @param seenAtMillis when it was received (wall clock)
 * @param countedAsCall whether it was already counted as a call to {@link #callee()}
 */
record SpanNode(
        String service,
        SpanKind kind,
        long startMillis,
        long durationNanos,
        boolean error,
        String callee,
        long seenAtMillis,
        boolean countedAsCall) {

    static SpanNode of(SpanRecord span, long seenAtMillis) {
        return new SpanNode(
                span.service(),
                span.kind(),
                span.start().toEpochMilli(),
                Math.max(0, span.durationNanos()),
                TraceAnalysis.isError(span),
                PeerNames.calleeOf(span).filter(c -> !c.equals(span.service())).orElse(""),
                seenAtMillis,
                false);
    }

    SpanNode counted() {
        return new SpanNode(service, kind, startMillis, durationNanos, error, callee, seenAtMillis, true);
    }

    boolean isClient() {
        return kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER;
    }

    /** The call this span (the parent) made to {@code child}, or {@code null} when they share a service. */
    EdgeCall callTo(SpanNode child) {
        if (service.isEmpty() || child.service.isEmpty() || service.equals(child.service)) {
            return null;
        }
        // an outgoing-call span measures the call as the caller saw it; any other parent did not record it
        return isClient()
                ? new EdgeCall(service, child.service, startMillis, durationNanos, error || child.error)
                : new EdgeCall(service, child.service, child.startMillis, child.durationNanos, child.error);
    }

    /** This outgoing call as a call to its named callee. */
    EdgeCall callToCallee() {
        return new EdgeCall(service, callee, startMillis, durationNanos, error);
    }
}
