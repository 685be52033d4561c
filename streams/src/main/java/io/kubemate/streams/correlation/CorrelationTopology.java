package io.kubemate.streams.correlation;

import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.core.topic.Topic;
import io.kubemate.streams.CorrelationSettings;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Correlation of alert transitions into incidents, and actions on incidents.
 *
 * <p>Transitions and actions are merged, keyed by routing key (the values of the {@code partitionBy} labels, by
 * default the cluster) and repartitioned ({@value #REPARTITION}), so one processor owns every incident of a cluster
 * and applies alerts and actions in order:
 *
 * <ul>
 *   <li>A transition of an alert not in a held incident joins the active incident of its scope whose last alert
 *       activity is within {@code window} of the transition (the most recent one); failing that, the most recent
 *       such incident of another scope under the same routing key that (in this order) shares a {@code
 *       topologyLabels} value with the alert (the same node), already holds the alert's service, or, when a
 *       service graph is configured, holds a service the alert's service calls or is called by (topology-aware
 *       correlation); otherwise it opens a new
 *       incident with id {@code IncidentId.derive(scopeKey, fingerprint, eventMillis)} (the full scope key).
 *   <li>Resolved: the member resolves; once none fires, the incident resolves after {@code resolveAfter} of quiet
 *       (wall clock, checked every {@code punctuateInterval}).
 *   <li>Fired again: in an active incident the member fires again; a resolved incident is reopened when that is
 *       within {@code flapWindow} of its resolution; otherwise the alert starts over as a new alert.
 *   <li>Changed: the member's labels and annotations are updated.
 *   <li>Actions acknowledge (open only), resolve (active only) and reopen (resolved only); actions that would change
 *       nothing are ignored; actions on an unknown incident are dropped with a warning.
 * </ul>
 *
 * <p>Every change bumps the incident's version and marks it dirty in a persistent store; every {@code emitInterval}
 * (wall clock) the snapshot of each dirty incident (without members: each member alert is published on its own to
 * the incident-alerts topic when it changes, keyed {@code <incident id>/<fingerprint>}) is sent to the incidents
 * topic, keyed by incident id, so
 * versions there are monotonic and a crash after a commit still publishes. Incidents resolved longer than {@code
 * flapWindow} ago leave the local stores (the compacted topic keeps them). Building the topology does no I/O.
 */
public final class CorrelationTopology {
    /** The repartition topic's name suffix. */
    public static final String REPARTITION = "correlation-input";
    /** The correlation processor node. */
    public static final String PROCESSOR = "incident-correlation";
    /**
     * The largest incident snapshot (bytes) the pipeline is sized for: the changelogs of big stores are created with
     * this {@code max.message.bytes}; create the incidents topic with the same and give the producer at least it as
     * {@code max.request.size}.
     */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final Topic<String, IncidentAction> actions;
    private final Topic<String, Incident> incidents;
    private final Topic<String, IncidentAlert> incidentAlerts;
    /** The global store holding the service graph, when topology-aware correlation is on. */
    public static final String GRAPH_STORE = "service-graph-global-store";

    private final CorrelationSettings settings;
    private final String serviceGraphTopic;

    /** Correlation by scope only, without a service graph. */
    public CorrelationTopology(
            Topic<String, IncidentAction> actions,
            Topic<String, Incident> incidents,
            Topic<String, IncidentAlert> incidentAlerts,
            CorrelationSettings settings) {
        this(actions, incidents, incidentAlerts, settings, null);
    }

    /**
     * Correlation by scope and, when {@code serviceGraphTopic} is not {@code null}, by the service graph kept in that
     * compacted topic ({@link ServiceEdge} values keyed {@code caller->callee}), read into a global store.
     */
    public CorrelationTopology(
            Topic<String, IncidentAction> actions,
            Topic<String, Incident> incidents,
            Topic<String, IncidentAlert> incidentAlerts,
            CorrelationSettings settings,
            String serviceGraphTopic) {
        this.actions = actions;
        this.incidents = incidents;
        this.incidentAlerts = incidentAlerts;
        this.settings = settings;
        this.serviceGraphTopic = serviceGraphTopic;
    }

    /**
     * Adds the correlation of {@code transitions} (keyed by fingerprint) and the actions topic to {@code builder},
     * with a sink to the incidents topic; returns the published snapshots, keyed by incident id.
     */
    public KStream<String, Incident> addTo(StreamsBuilder builder, KStream<String, AlertTransition> transitions) {
        if (serviceGraphTopic != null) {
            addGraphStore(builder);
        }
        KStream<String, CorrelationInput> fromAlerts = transitions.mapValues(
                transition -> CorrelationInput.of(transition), Named.as("transition-to-correlation-input"));
        KStream<String, CorrelationInput> fromActions = builder.stream(
                        actions.name(),
                        Consumed.with(actions.keySerde(), actions.valueSerde()).withName("actions-source"))
                .filter((key, action) -> action != null, Named.as("actions-non-null"))
                .mapValues(action -> CorrelationInput.of(action), Named.as("action-to-correlation-input"));
        KStream<String, Object> published = fromAlerts
                .merge(fromActions, Named.as("correlation-merge"))
                .selectKey((key, input) -> input.routingKey(settings), Named.as("key-by-scope"))
                .repartition(Repartitioned.<String, CorrelationInput>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new JsonSerde<>(CorrelationInput.class)))
                .process(supplier(), Named.as(PROCESSOR));
        // snapshots (without members) and member alerts leave through separate, typed sinks
        KStream<String, Incident> snapshots = published
                .filter((key, value) -> value instanceof Incident, Named.as("snapshots-only"))
                .mapValues(value -> (Incident) value, Named.as("as-snapshot"));
        snapshots.to(
                incidents.name(),
                Produced.with(incidents.keySerde(), incidents.valueSerde()).withName("incidents-sink"));
        published
                .filter(
                        (key, value) -> value instanceof IncidentAlert || value instanceof Correlator.MemberRemoved,
                        Named.as("members-only"))
                // a member that moved to another incident (merge, split) leaves a tombstone under its old key
                .mapValues(value -> value instanceof IncidentAlert member ? member : null, Named.as("as-member"))
                .to(
                        incidentAlerts.name(),
                        Produced.with(incidentAlerts.keySerde(), incidentAlerts.valueSerde())
                                .withName("incident-alerts-sink"));
        return snapshots;
    }

    /** A global store copying the service graph topic (tombstones delete edges); global stores log nothing. */
    private void addGraphStore(StreamsBuilder builder) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(GRAPH_STORE),
                                Serdes.String(),
                                new JsonSerde<>(ServiceEdge.class))
                        .withLoggingDisabled(),
                serviceGraphTopic,
                Consumed.with(Serdes.String(), new JsonSerde<>(ServiceEdge.class))
                        .withName("service-graph-global-source"),
                () -> new GraphStoreUpdater(GRAPH_STORE));
    }

    /** Keeps the global graph store equal to the topic. */
    private static final class GraphStoreUpdater implements Processor<String, ServiceEdge, Void, Void> {
        private final String storeName;
        private KeyValueStore<String, ServiceEdge> store;

        GraphStoreUpdater(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, ServiceEdge> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }

    private ProcessorSupplier<String, CorrelationInput, String, Object> supplier() {
        Set<StoreBuilder<?>> stores = IncidentStores.builders(MAX_MESSAGE_BYTES);
        String graphStore = serviceGraphTopic == null ? null : GRAPH_STORE;
        return new ProcessorSupplier<>() {
            @Override
            public Correlator get() {
                return new Correlator(settings, graphStore);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }
}
