package io.kubemate.streams;

import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.rca.RcaTopics;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.Topics;
import io.kubemate.streams.correlation.CorrelationTopology;
import io.kubemate.streams.graph.ServiceGraphSettings;
import io.kubemate.streams.graph.ServiceGraphTopology;
import io.kubemate.streams.lifecycle.LifecycleTopology;
import io.kubemate.streams.rca.RcaRequestTopology;
import io.kubemate.streams.rca.RcaSettings;
import io.kubemate.streams.telemetry.OtlpBridgeTopology;
import io.kubemate.streams.telemetry.OtlpDecoders;
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
    private final TelemetryTopics telemetry;
    private final ServiceGraphSettings graph;
    private final OtlpDecoders otlp;
    private final RcaTopics rcaTopics;
    private final RcaSettings rcaSettings;

    public KubemateTopology(Topics topics, CorrelationSettings settings) {
        this(topics, settings, null, null);
    }

    /**
     * With {@code telemetry}, also the {@link ServiceGraphTopology} from its spans topic to its service-graph topic,
     * which the correlation then reads to join alerts on linked services; {@code null} leaves both out.
     */
    public KubemateTopology(
            Topics topics, CorrelationSettings settings, TelemetryTopics telemetry, ServiceGraphSettings graph) {
        this(topics, settings, telemetry, graph, null);
    }

    /**
     * The same, and with {@code otlp} (and {@code telemetry}) also the {@link OtlpBridgeTopology} from the
     * Collector's kafka exporter topics of {@code telemetry} into its spans and logs topics; {@code null} leaves the
     * bridge out.
     */
    public KubemateTopology(
            Topics topics,
            CorrelationSettings settings,
            TelemetryTopics telemetry,
            ServiceGraphSettings graph,
            OtlpDecoders otlp) {
        this(topics, settings, telemetry, graph, otlp, null, null);
    }

    private KubemateTopology(
            Topics topics,
            CorrelationSettings settings,
            TelemetryTopics telemetry,
            ServiceGraphSettings graph,
            OtlpDecoders otlp,
            RcaTopics rcaTopics,
            RcaSettings rcaSettings) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.telemetry = telemetry;
        this.graph = telemetry == null ? null : Objects.requireNonNull(graph, "graph");
        this.otlp = telemetry == null ? null : otlp;
        this.rcaTopics = rcaTopics;
        this.rcaSettings = rcaSettings;
    }

    /**
     * This topology plus the {@link RcaRequestTopology}: summary requests from the incidents topic and the telemetry's
     * evidence topic to {@code rca}'s requests topic.
     *
     * @throws IllegalStateException when this topology has no telemetry topics (no evidence topic to read)
     */
    public KubemateTopology withRca(RcaTopics rca, RcaSettings rcaSettings) {
        if (telemetry == null) {
            throw new IllegalStateException("summary requests need the telemetry topics (the evidence topic)");
        }
        return new KubemateTopology(
                topics,
                settings,
                telemetry,
                graph,
                otlp,
                Objects.requireNonNull(rca, "rca"),
                Objects.requireNonNull(rcaSettings, "rcaSettings"));
    }

    /** A new topology; every store, repartition topic, processor, source and sink is named. */
    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, AlertTransition> transitions =
                new LifecycleTopology(topics.alertsRaw(), settings).addTo(builder);
        String graphTopic = telemetry == null ? null : telemetry.serviceGraph();
        if (telemetry != null) {
            new ServiceGraphTopology(telemetry.spans(), graphTopic, graph).addTo(builder);
        }
        if (otlp != null) {
            new OtlpBridgeTopology(telemetry, otlp).addTo(builder);
        }
        new CorrelationTopology(topics.actions(), topics.incidents(), topics.incidentAlerts(), settings, graphTopic)
                .addTo(builder, transitions);
        if (rcaTopics != null) {
            new RcaRequestTopology(topics.incidents().name(), telemetry.evidence(), rcaTopics.requests(), rcaSettings)
                    .addTo(builder);
        }
        return builder.build();
    }
}
