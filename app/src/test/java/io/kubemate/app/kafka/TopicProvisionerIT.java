package io.kubemate.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.app.broker.EmbeddedBroker;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicProvisionerIT {
    @TempDir
    Path dir;

    @Test
    void createsMissingTopicsOnceAndRejectsAPartitionCountThatDiffers() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                        new EmbeddedBroker.Settings(dir, 0, "256m", Duration.ofSeconds(90)), line -> {});
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            Topics topics = Topics.from(TopicSettings.defaults());

            assertThat(provisioner.ensure(topics.all(), (short) 1))
                    .containsExactlyInAnyOrder(
                            "kubemate.alerts.raw",
                            "kubemate.incidents",
                            "kubemate.incident-alerts",
                            "kubemate.actions",
                            "kubemate.dead-letter");
            assertThat(provisioner.ensure(topics.all(), (short) 1)).isEmpty();
            ConfigEntry policy = admin.describeConfigs(
                            List.of(new ConfigResource(ConfigResource.Type.TOPIC, "kubemate.incidents")))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next()
                    .get("cleanup.policy");
            assertThat(policy.value()).isEqualTo("compact");

            admin.createTopics(List.of(new NewTopic("other.alerts", 2, (short) 1)))
                    .all()
                    .get();
            TopicSettings mismatched = new TopicSettings(
                    "other.alerts",
                    "kubemate.incidents",
                    "kubemate.incident-alerts",
                    "kubemate.actions",
                    "kubemate.dead-letter",
                    6,
                    (short) 1);
            assertThatThrownBy(() -> provisioner.ensure(Topics.from(mismatched).all(), (short) 1))
                    .isInstanceOf(KubemateException.class)
                    .hasMessageContaining("topic other.alerts has 2 partitions but 6 are configured");
        }
    }

    @Test
    void createsTelemetryTopicsWithRetentionOrCompactionAndLeavesTheCollectorsTopicsUnchecked() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                        new EmbeddedBroker.Settings(dir, 0, "256m", Duration.ofSeconds(90)), line -> {});
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            admin.createTopics(List.of(new NewTopic("otlp_logs", 1, (short) 1)))
                    .all()
                    .get();

            List<String> created =
                    provisioner.ensureTelemetry(TelemetryTopics.defaults(), 3, (short) 1, Duration.ofHours(24));

            assertThat(created)
                    .containsExactlyInAnyOrder(
                            "kubemate.logs",
                            "kubemate.spans",
                            "kubemate.changes",
                            "kubemate.service-graph",
                            "kubemate.evidence",
                            "otlp_spans");
            assertThat(config(admin, "kubemate.spans", "retention.ms")).isEqualTo("86400000");
            assertThat(config(admin, "kubemate.evidence", "cleanup.policy")).isEqualTo("compact");
            // the Collector's topic has 1 partition, not 3: it is the Collector's to size, so no complaint
            assertThat(provisioner.ensureTelemetry(TelemetryTopics.defaults(), 3, (short) 1, Duration.ofHours(24)))
                    .isEmpty();
        }
    }

    private static String config(Admin admin, String topic, String key) throws Exception {
        return admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                .all()
                .get()
                .values()
                .iterator()
                .next()
                .get(key)
                .value();
    }
}
