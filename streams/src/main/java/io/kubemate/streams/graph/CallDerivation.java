package io.kubemate.streams.graph;

import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.telemetry.SpanRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns spans (keyed by trace id, so a trace's spans reach one task) into calls between services, keyed {@code
 * caller->callee}:
 *
 * <ul>
 *   <li>a span whose parent span belongs to another service is a call from the parent's service to its own; the
 *       parent is remembered for {@code traceTtl}, and a child that arrives first waits as long for its parent;
 *   <li>an outgoing call (client or producer span) naming a callee that has no child span from another service within
 *       {@code clientGrace} is a call to that callee (databases, external APIs); it is counted once, so a child that
 *       arrives later adds nothing.
 * </ul>
 *
 * <p>Duplicate spans (same trace and span id while remembered) are ignored. Spans without a service make no calls.
 */
final class CallDerivation implements Processor<String, SpanRecord, String, EdgeCall> {
    /** Spans seen, {@code trace/span}. */
    static final String SPANS = "service-graph-span-store";
    /** Children waiting for their parent, {@code trace/parent/child}. */
    static final String ORPHANS = "service-graph-orphan-store";
    /** Outgoing calls waiting for a child span, {@code trace/span}. */
    static final String CALLS = "service-graph-call-store";

    private static final char SEPARATOR = '/';

    private final ServiceGraphSettings settings;
    private ProcessorContext<String, EdgeCall> context;
    private KeyValueStore<String, SpanNode> spans;
    private KeyValueStore<String, SpanNode> orphans;
    private KeyValueStore<String, SpanNode> calls;

    CallDerivation(ServiceGraphSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, EdgeCall> context) {
        this.context = context;
        this.spans = context.getStateStore(SPANS);
        this.orphans = context.getStateStore(ORPHANS);
        this.calls = context.getStateStore(CALLS);
        context.schedule(settings.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::countSilentCallees);
        long sweep = Math.max(
                settings.publishInterval().toMillis(), settings.traceTtl().toMillis() / 4);
        context.schedule(java.time.Duration.ofMillis(sweep), PunctuationType.WALL_CLOCK_TIME, this::forget);
    }

    @Override
    public void process(Record<String, SpanRecord> record) {
        SpanRecord span = record.value();
        if (span == null || span.traceId().isEmpty() || span.spanId().isEmpty()) {
            return;
        }
        String key = span.traceId() + SEPARATOR + span.spanId();
        if (spans.get(key) != null) {
            return;
        }
        SpanNode node = SpanNode.of(span, context.currentSystemTimeMs());
        spans.put(key, node);
        String parent = span.parentSpanId();
        if (!parent.isEmpty() && !parent.equals(span.spanId())) {
            String parentKey = span.traceId() + SEPARATOR + parent;
            SpanNode parentNode = spans.get(parentKey);
            if (parentNode == null) {
                orphans.put(parentKey + SEPARATOR + span.spanId(), node);
            } else {
                link(parentKey, parentNode, node);
            }
        }
        boolean calledOut = adoptOrphans(key, node);
        if (!calledOut && !node.callee().isEmpty()) {
            calls.put(key, node);
        }
    }

    /** Links the children that arrived before {@code node}; true when one of them is of another service. */
    private boolean adoptOrphans(String key, SpanNode node) {
        List<KeyValue<String, SpanNode>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, SpanNode> it = orphans.prefixScan(key + SEPARATOR, new StringSerializer())) {
            it.forEachRemaining(waiting::add);
        }
        boolean calledOut = false;
        for (KeyValue<String, SpanNode> child : waiting) {
            orphans.delete(child.key);
            calledOut |= link(key, node, child.value);
        }
        return calledOut;
    }

    /** Publishes the call {@code parent} made to {@code child}; true when they are of different services. */
    private boolean link(String parentKey, SpanNode parent, SpanNode child) {
        EdgeCall call = parent.callTo(child);
        if (call == null) {
            return false;
        }
        // the callee answered with spans of its own: the outgoing call is not one to a silent callee
        calls.delete(parentKey);
        if (!parent.countedAsCall()) {
            forward(call);
        }
        return true;
    }

    /** Counts outgoing calls that got no child span within the grace as calls to the callee they name. */
    private void countSilentCallees(long now) {
        List<KeyValue<String, SpanNode>> due = new ArrayList<>();
        try (KeyValueIterator<String, SpanNode> it = calls.all()) {
            it.forEachRemaining(entry -> {
                if (now - entry.value.seenAtMillis() >= settings.clientGrace().toMillis()) {
                    due.add(entry);
                }
            });
        }
        for (KeyValue<String, SpanNode> entry : due) {
            calls.delete(entry.key);
            forward(entry.value.callToCallee());
            if (spans.get(entry.key) != null) {
                spans.put(entry.key, entry.value.counted());
            }
        }
    }

    /** Forgets spans and waiting children older than the trace memory. */
    private void forget(long now) {
        long ttl = settings.traceTtl().toMillis();
        for (KeyValueStore<String, SpanNode> store : List.of(spans, orphans)) {
            List<String> old = new ArrayList<>();
            try (KeyValueIterator<String, SpanNode> it = store.all()) {
                it.forEachRemaining(entry -> {
                    if (now - entry.value.seenAtMillis() >= ttl) {
                        old.add(entry.key);
                    }
                });
            }
            old.forEach(store::delete);
        }
    }

    private void forward(EdgeCall call) {
        context.forward(
                new Record<>(ServiceEdge.key(call.caller(), call.callee()), call, Math.max(0, call.atMillis())));
    }
}
