package io.kubemate.streams.graph;

import io.kubemate.core.evidence.ServiceEdge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts the calls of each edge (keyed {@code caller->callee}) over the sliding window and publishes changed edges at
 * most once per {@code publishInterval} (wall clock), keeping the published edges in a store.
 *
 * <p>The window ends at the task's span-time "now": the newest call start seen, but never more than {@link
 * #MAX_SKEW} past the wall clock, so a host with a clock far ahead cannot push every other edge out of the window.
 * An edge without calls keeps its figures decaying as others move "now"; when no call arrives at all, its figures
 * stay as they were until it expires: an edge without calls for {@code expireAfter} of wall clock is deleted from
 * both stores and a tombstone is published.
 */
final class EdgeAggregation implements Processor<String, EdgeCall, String, ServiceEdge> {
    /** Edge key to its window of calls. */
    static final String WINDOWS = "service-graph-window-store";
    /** Edge key to the edge as last published. */
    static final String EDGES = "service-graph-edge-store";
    /** How far past the wall clock a call's start may move the window's end. */
    static final Duration MAX_SKEW = Duration.ofMinutes(1);

    private final ServiceGraphSettings settings;
    private final long windowMillis;
    private final long sliceMillis;
    private ProcessorContext<String, ServiceEdge> context;
    private KeyValueStore<String, EdgeWindow> windows;
    private KeyValueStore<String, ServiceEdge> edges;
    private long now = Long.MIN_VALUE;

    EdgeAggregation(ServiceGraphSettings settings) {
        this.settings = settings;
        this.windowMillis = settings.window().toMillis();
        this.sliceMillis = settings.slice().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, ServiceEdge> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS);
        this.edges = context.getStateStore(EDGES);
        try (KeyValueIterator<String, EdgeWindow> all = windows.all()) {
            all.forEachRemaining(entry -> now = Math.max(now, entry.value.lastSeenMillis()));
        }
        context.schedule(settings.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<String, EdgeCall> record) {
        EdgeCall call = record.value();
        if (call == null) {
            return;
        }
        long wall = context.currentSystemTimeMs();
        long at = Math.min(call.atMillis(), wall + MAX_SKEW.toMillis());
        now = Math.max(now, at);
        String key = ServiceEdge.key(call.caller(), call.callee());
        EdgeWindow window = windows.get(key);
        if (window == null) {
            window = EdgeWindow.empty(call.caller(), call.callee());
        }
        windows.put(key, window.add(call, at, sliceMillis, wall).prune(now - windowMillis, sliceMillis));
    }

    /** Publishes changed edges and tombstones for expired ones. */
    private void publish(long wall) {
        List<KeyValue<String, EdgeWindow>> all = new ArrayList<>();
        try (KeyValueIterator<String, EdgeWindow> it = windows.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, EdgeWindow> entry : all) {
            EdgeWindow window = entry.value;
            if (wall - window.touchedMillis() >= settings.expireAfter().toMillis()) {
                windows.delete(entry.key);
                edges.delete(entry.key);
                context.forward(new Record<>(entry.key, null, wall));
                continue;
            }
            EdgeWindow pruned = window.prune(now - windowMillis, sliceMillis);
            if (pruned.dirty()) {
                ServiceEdge edge = pruned.toEdge(now, windowMillis);
                edges.put(entry.key, edge);
                windows.put(entry.key, pruned.published());
                context.forward(new Record<>(entry.key, edge, wall));
            }
        }
    }
}
