package io.kubemate.streams.lifecycle;

import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.core.topic.Topic;
import io.kubemate.streams.CorrelationSettings;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert lifecycle: reads the raw alerts topic (key fingerprint, record timestamp = receipt time) and returns the
 * stream of {@link AlertTransition}s keyed by fingerprint.
 *
 * <p>Per fingerprint it keeps the last accepted state in the persistent store {@value #STORE} and emits:
 *
 * <ul>
 *   <li>nothing for a re-send of the held state (same status, startsAt, endsAt, labels and annotations);
 *   <li>nothing for a record whose {@code startsAt} is before the held one (an older episode arriving late);
 *   <li>{@code FIRED} / {@code RESOLVED} the first time an alert is seen firing / resolved;
 *   <li>{@code RESOLVED} when a firing alert resolves;
 *   <li>{@code REFIRED} when a resolved alert fires again (flapping, and the flap count increased, when that is
 *       within the flap window of its resolution) or a firing alert starts a new episode;
 *   <li>{@code CHANGED} for the same status with other labels, annotations or end.
 * </ul>
 *
 * <p>The transition's time is the record timestamp. State of an alert resolved for {@link #RESOLVED_RETENTION} (wall
 * clock, checked every {@link #EXPIRY_SCAN_INTERVAL}) is deleted so the store stays bounded; if such an alert is
 * re-sent later it counts as first seen again. Building the topology does no I/O.
 */
public final class LifecycleTopology {
    /** The lifecycle state store, also the name of its changelog topic's suffix. */
    public static final String STORE = "alert-lifecycle-store";
    /** The name of the lifecycle processor node. */
    public static final String PROCESSOR = "alert-lifecycle";
    /** How long the state of a resolved alert is kept. */
    public static final Duration RESOLVED_RETENTION = Duration.ofHours(24);
    /** How often the store is scanned for expired state. */
    public static final Duration EXPIRY_SCAN_INTERVAL = Duration.ofMinutes(1);

    private final Topic<String, RawAlert> alertsRaw;
    private final CorrelationSettings settings;

    public LifecycleTopology(Topic<String, RawAlert> alertsRaw, CorrelationSettings settings) {
        this.alertsRaw = alertsRaw;
        this.settings = settings;
    }

    /** Adds the source, the store and the processor to {@code builder}; returns the transitions. */
    public KStream<String, AlertTransition> addTo(StreamsBuilder builder) {
        StoreBuilder<KeyValueStore<String, LifecycleState>> store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE), Serdes.String(), new JsonSerde<>(LifecycleState.class))
                .withCachingEnabled();
        TransitionRules rules = new TransitionRules(settings.flapWindow());
        ProcessorSupplier<String, RawAlert, String, AlertTransition> supplier = new ProcessorSupplier<>() {
            @Override
            public AlertLifecycle get() {
                return new AlertLifecycle(rules, RESOLVED_RETENTION, EXPIRY_SCAN_INTERVAL);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
        return builder.stream(
                        alertsRaw.name(),
                        Consumed.with(alertsRaw.keySerde(), alertsRaw.valueSerde())
                                .withName("alerts-raw-source"))
                .process(supplier, Named.as(PROCESSOR));
    }
}
