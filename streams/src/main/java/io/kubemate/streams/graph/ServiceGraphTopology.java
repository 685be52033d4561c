package io.kubemate.streams.graph;

import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.topic.JsonSerde;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The service graph: spans in, caller → callee edges out.
 *
 * <p>Spans (keyed by trace id, so a trace's spans meet in one task) become calls between services in {@value
 * #CALLS} (see {@code CallDerivation}: a span whose parent is in another service is a call from the parent's service;
 * an outgoing call whose callee emits no spans, such as a database, is a call to the callee its attributes name; a
 * child that arrives before its parent waits for it up to {@link ServiceGraphSettings#traceTtl()}). The calls are
 * repartitioned by edge ({@value #REPARTITION}) and counted over the sliding {@link ServiceGraphSettings#window()} in
 * {@value #EDGES} (request count and rate, error count and rate, p95 latency within about ±10%, last seen). Changed
 * edges are published at most once per {@link ServiceGraphSettings#publishInterval()} (wall clock) as {@link
 * ServiceEdge}s keyed {@code caller->callee} to the compacted service-graph topic and kept in the {@value
 * #EDGE_STORE} store; an edge without calls for {@link ServiceGraphSettings#expireAfter()} is deleted and a tombstone
 * published. With no spans, nothing is published. Building the topology does no I/O.
 */
public final class ServiceGraphTopology {
    /** The call derivation processor node. */
    public static final String CALLS = "service-graph-calls";
    /** The calls repartition topic's name suffix. */
    public static final String REPARTITION = "service-graph-calls";
    /** The edge aggregation processor node. */
    public static final String EDGES = "service-graph-edges";
    /** The store holding each edge as last published, keyed {@code caller->callee}. */
    public static final String EDGE_STORE = EdgeAggregation.EDGES;

    private final String spansTopic;
    private final String serviceGraphTopic;
    private final ServiceGraphSettings settings;

    /**
     * @param spansTopic the spans topic ({@link SpanRecord} JSON keyed by trace id)
     * @param serviceGraphTopic the compacted topic edges are published to
     */
    public ServiceGraphTopology(String spansTopic, String serviceGraphTopic, ServiceGraphSettings settings) {
        this.spansTopic = Objects.requireNonNull(spansTopic, "spansTopic");
        this.serviceGraphTopic = Objects.requireNonNull(serviceGraphTopic, "serviceGraphTopic");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Adds the service graph to {@code builder}; returns the published edges (tombstones as null values). */
    public KStream<String, ServiceEdge> addTo(StreamsBuilder builder) {
        KStream<String, ServiceEdge> published = builder.stream(
                        spansTopic,
                        Consumed.with(Serdes.String(), new JsonSerde<>(SpanRecord.class))
                                .withName("service-graph-spans-source"))
                .process(
                        supplier(
                                () -> new CallDerivation(settings),
                                Set.of(
                                        store(CallDerivation.SPANS, new JsonSerde<>(SpanNode.class)),
                                        store(CallDerivation.ORPHANS, new JsonSerde<>(SpanNode.class)),
                                        store(CallDerivation.CALLS, new JsonSerde<>(SpanNode.class)))),
                        Named.as(CALLS))
                .repartition(Repartitioned.<String, EdgeCall>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new JsonSerde<>(EdgeCall.class)))
                .process(
                        supplier(
                                () -> new EdgeAggregation(settings),
                                Set.of(
                                        store(EdgeAggregation.WINDOWS, new JsonSerde<>(EdgeWindow.class)),
                                        store(EdgeAggregation.EDGES, new JsonSerde<>(ServiceEdge.class)))),
                        Named.as(EDGES));
        published.to(
                serviceGraphTopic,
                Produced.with(Serdes.String(), new JsonSerde<>(ServiceEdge.class))
                        .withName("service-graph-sink"));
        return published;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingEnabled();
    }

    private static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> supplier(
            java.util.function.Supplier<Processor<KIn, VIn, KOut, VOut>> processor, Set<StoreBuilder<?>> stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }
}
