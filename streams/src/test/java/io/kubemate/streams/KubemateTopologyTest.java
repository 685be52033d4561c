package io.kubemate.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.rca.RcaTopics;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.core.topic.Topics;
import io.kubemate.streams.correlation.CorrelationTopology;
import io.kubemate.streams.errors.DeadLetterDeserializationHandler;
import io.kubemate.streams.errors.FailurePolicy;
import io.kubemate.streams.graph.ServiceGraphSettings;
import io.kubemate.streams.rca.RcaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class KubemateTopologyTest {
    @Test
    void namesEveryNodeStoreAndTopic() {
        // when
        TopologyDescription description = new KubemateTopology(
                        Topics.from(TopicSettings.defaults()), CorrelationSettings.defaults())
                .build()
                .describe();

        // then
        String text = description.toString();
        assertThat(text).doesNotContain("KSTREAM-", "KTABLE-");
        assertThat(text)
                .contains(
                        "alert-lifecycle-store",
                        "incident-store",
                        "incident-alert-store",
                        "alert-incident-store",
                        "scope-incident-store",
                        "incident-dirty-store",
                        "correlation-input-repartition",
                        "incidents-sink",
                        "kubemate.incidents");
    }

    @Test
    void withRcaTheSummaryRequestsAreNamedAndReadTheIncidentsAndEvidence() {
        // when
        String text = new KubemateTopology(
                        Topics.from(TopicSettings.defaults()),
                        CorrelationSettings.defaults(),
                        TelemetryTopics.defaults(),
                        ServiceGraphSettings.defaults())
                .withRca(RcaTopics.defaults(), RcaSettings.defaults())
                .build()
                .describe()
                .toString();

        // then
        assertThat(text).doesNotContain("KSTREAM-", "KTABLE-");
        assertThat(text)
                .contains(
                        "rca-incidents-source",
                        "rca-evidence-source",
                        "rca-request-store",
                        "rca-requests-sink",
                        "kubemate.rca.requests",
                        "kubemate.evidence");
        assertThatThrownBy(() -> new KubemateTopology(
                                Topics.from(TopicSettings.defaults()), CorrelationSettings.defaults())
                        .withRca(RcaTopics.defaults(), RcaSettings.defaults()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void streamsPropertiesAskForExactlyOnceAndTheFailurePolicy() {
        // given
        StreamsSettings settings = StreamsSettings.defaults("broker:9092", Path.of("/var/lib/kubemate"));
        StreamsSettings withSasl = new StreamsSettings(
                settings.applicationId(),
                settings.bootstrapServers(),
                settings.stateDir(),
                settings.commitInterval(),
                settings.standbyReplicas(),
                settings.streamThreads(),
                settings.cacheMaxBytes(),
                Map.of("security.protocol", "SASL_SSL"));

        // when
        Properties props = KubemateStreams.properties(withSasl, TopicSettings.defaults());

        // then
        assertThat(props)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "kubemate")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50")
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, "20")
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")
                .containsEntry(FailurePolicy.DEAD_LETTER_TOPIC_CONFIG, "kubemate.dead-letter")
                .containsEntry(
                        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterDeserializationHandler.class)
                .containsEntry("producer.max.request.size", Integer.toString(CorrelationTopology.MAX_MESSAGE_BYTES))
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(new StreamsConfig(props).getString(StreamsConfig.STATE_DIR_CONFIG))
                .isEqualTo("/var/lib/kubemate");
        assertThat(props).doesNotContainKey("topic.min.insync.replicas");
    }

    @Test
    void withThreeReplicasInternalTopicsNeedTwoInSync() {
        // given
        TopicSettings d = TopicSettings.defaults();
        TopicSettings replicated = new TopicSettings(
                d.alertsRaw(), d.incidents(), d.incidentAlerts(), d.actions(), d.deadLetter(), d.partitions(), (short)
                        3);

        // when
        Properties props = KubemateStreams.properties(
                StreamsSettings.defaults("localhost:1", Path.of("target/unused-state")), replicated);

        // then
        assertThat(props)
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "3")
                .containsEntry("topic.min.insync.replicas", "2");
    }

    @Test
    void streamsAreCreatedOnlyOnStart() {
        // given
        try (KubemateStreams streams = new KubemateStreams(
                StreamsSettings.defaults("localhost:1", Path.of("target/unused-state")),
                TopicSettings.defaults(),
                CorrelationSettings.defaults())) {
            // then
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.CREATED);
            assertThat(streams.isRunning()).isFalse();
        }
    }

    @Test
    void correlationSettingsRejectNonsense() {
        CorrelationSettings d = CorrelationSettings.defaults();
        assertThatThrownBy(() -> new CorrelationSettings(
                        List.of(),
                        d.window(),
                        d.resolveAfter(),
                        d.flapWindow(),
                        d.emitInterval(),
                        d.timelineLimit(),
                        d.serviceLabels(),
                        d.punctuateInterval()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groupBy");
        assertThatThrownBy(() -> new CorrelationSettings(
                        d.groupBy(),
                        Duration.ZERO,
                        d.resolveAfter(),
                        d.flapWindow(),
                        d.emitInterval(),
                        d.timelineLimit(),
                        d.serviceLabels(),
                        d.punctuateInterval()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
    }
}
