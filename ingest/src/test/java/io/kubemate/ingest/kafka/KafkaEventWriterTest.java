package io.kubemate.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.core.topic.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaEventWriterTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T16:44:07.812Z");
    private final Topics topics = Topics.from(TopicSettings.defaults());

    private static RawAlert alert(String fingerprint) {
        return new RawAlert(
                fingerprint,
                AlertStatus.FIRING,
                Map.of("alertname", "A", "fp", fingerprint),
                Map.of(),
                Instant.parse("2026-11-25T16:44:05Z"),
                null,
                null,
                "{}:{alertname=\"A\"}",
                "webhook-ok",
                RECEIVED);
    }

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void appendsOneRecordPerAlertKeyedByFingerprintAndStampedWithReceipt() {
        MockProducer<byte[], byte[]> producer = producer(true);
        var writer = new KafkaEventWriter(producer, null, topics, Duration.ofSeconds(1));

        writer.appendAll(List.of(alert("0000000000000001"), alert("0000000000000002")));

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(2);
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("kubemate.alerts.raw");
            assertThat(r.timestamp()).isEqualTo(RECEIVED.toEpochMilli());
        });
        assertThat(new String(sent.get(0).key())).isEqualTo("0000000000000001");
        RawAlert decoded = topics.alertsRaw()
                .valueSerde()
                .deserializer()
                .deserialize("t", sent.get(1).value());
        assertThat(decoded).isEqualTo(alert("0000000000000002"));
    }

    @Test
    void anEmptyListSendsNothing() {
        MockProducer<byte[], byte[]> producer = producer(true);

        new KafkaEventWriter(producer, null, topics, Duration.ofSeconds(1)).appendAll(List.of());

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aFailedAcknowledgementBecomesUnavailableWithRetryAfter() {
        MockProducer<byte[], byte[]> producer = producer(false);
        var writer = new KafkaEventWriter(producer, null, topics, Duration.ofSeconds(2));

        CompletableFuture<Void> call =
                CompletableFuture.runAsync(() -> writer.appendAll(List.of(alert("00000000000000aa"))));
        while (producer.history().isEmpty()) {
            Thread.onSpinWait();
        }
        producer.errorNext(new NotEnoughReplicasException("only 1 of 3 in sync"));

        assertThatThrownBy(call::join)
                .hasCauseInstanceOf(UnavailableException.class)
                .cause()
                .hasMessageContaining("only 1 of 3 in sync")
                .satisfies(
                        e -> assertThat(((UnavailableException) e).retryAfter()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void anUnacknowledgedSendTimesOutWithinTheDeliveryTimeoutPlusMargin() {
        MockProducer<byte[], byte[]> producer = producer(false);
        var writer = new KafkaEventWriter(producer, null, topics, Duration.ofMillis(200));

        long start = System.nanoTime();
        assertThatThrownBy(() -> writer.appendAll(List.of(alert("00000000000000bb"))))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void submitsAnActionKeyedByIncidentId() {
        MockProducer<byte[], byte[]> producer = producer(true);
        var writer = new KafkaEventWriter(producer, null, topics, Duration.ofSeconds(1));
        var action = new IncidentAction(
                "a-1",
                new IncidentId("inc-0123456789abcdef"),
                "cluster=prod",
                ActionKind.ACKNOWLEDGE,
                "alice",
                "on it",
                RECEIVED);

        writer.submit(action);

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("kubemate.actions");
        assertThat(new String(sent.key())).isEqualTo("inc-0123456789abcdef");
        assertThat(topics.actions().valueSerde().deserializer().deserialize("t", sent.value()))
                .isEqualTo(action);
    }

    @Test
    void aDeadBrokerFailsWithinAboutTheDeliveryTimeoutAndIsNotReachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var settings = ProducerSettings.of("127.0.0.1:" + closedPort).withDeliveryTimeout(Duration.ofMillis(800));

        try (var writer = new KafkaEventWriter(settings, topics)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> writer.appendAll(List.of(alert("00000000000000cc"))))
                    .isInstanceOf(UnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
            assertThat(writer.isReachable(Duration.ofMillis(300))).isFalse();
        }
    }

    @Test
    void derivedTimeoutsSatisfyKafkasConstraints() {
        Map<String, Object> props = ProducerConfigs.producer(new ProducerSettings(
                "k:9092", Duration.ofMillis(100), Map.of("security.protocol", "SASL_SSL", "acks", "0")));

        assertThat(props)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("compression.type", "lz4")
                .containsEntry("security.protocol", "SASL_SSL");
        int request = (int) props.get("request.timeout.ms");
        assertThat(request + ProducerConfigs.LINGER_MS).isLessThanOrEqualTo((int) props.get("delivery.timeout.ms"));
    }
}
