package io.kubemate.streams;

import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.topic.Topics;
import io.kubemate.streams.correlation.CorrelationTopology;
import io.kubemate.streams.lifecycle.LifecycleTopology;
import java.util.Objects;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Kubemate's whole stream topology: raw alerts through the {@link LifecycleTopology} into the {@link
 * CorrelationTopology}, which also reads the actions topic and writes incident snapshots to the incidents topic.
 * {@link #build()} is pure (no I/O, no configuration reading) and may be called more than once.
 */
public final class KubemateTopology {
    private final Topics topics;
    private final CorrelationSettings settings;

    public KubemateTopology(Topics topics, CorrelationSettings settings) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A new topology; every store, repartition topic, processor, source and sink is named. */
    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, AlertTransition> transitions =
                new LifecycleTopology(topics.alertsRaw(), settings).addTo(builder);
        new CorrelationTopology(topics.actions(), topics.incidents(), topics.incidentAlerts(), settings)
                .addTo(builder, transitions);
        return builder.build();
    }
}
