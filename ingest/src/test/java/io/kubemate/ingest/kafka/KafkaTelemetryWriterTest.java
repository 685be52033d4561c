package io.kubemate.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.telemetry.ChangeEvent;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaTelemetryWriterTest {
    private static final Instant T = Instant.parse("2026-11-25T16:58:22Z");
    private final TelemetryTopics topics = TelemetryTopics.defaults();

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static SpanRecord span(String traceId) {
        return new SpanRecord(
                traceId,
                "86520628e61958ec",
                "",
                "payments",
                "op",
                SpanKind.SERVER,
                T,
                5,
                false,
                "",
                0,
                Map.of(),
                "otlp");
    }

    @Test
    void writesLogsKeyedByServiceSpansByTraceAndChangesByService() {
        MockProducer<byte[], byte[]> producer = producer(true);
        var writer = new KafkaTelemetryWriter(producer, topics, Duration.ofSeconds(1));
        LogEntry log = new LogEntry("payments", T, "boom", "error", Map.of("app", "payments"), "", "", "loki");
        ChangeEvent change = new ChangeEvent("c1", "checkout", "1.2", "deploy", T, "", "", "webhook", "");

        writer.appendLogs(List.of(log));
        writer.appendSpans(List.of(span("bd415fdac3196c3f913df0166dad40d5")));
        writer.appendChanges(List.of(change));

        var sent = producer.history();
        assertThat(sent)
                .extracting(r -> r.topic())
                .containsExactly("kubemate.logs", "kubemate.spans", "kubemate.changes");
        assertThat(sent)
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("payments", "bd415fdac3196c3f913df0166dad40d5", "checkout");
        assertThat(new JsonSerde<>(LogEntry.class).deserialize("t", sent.get(0).value()))
                .isEqualTo(log);
        assertThat(new JsonSerde<>(ChangeEvent.class)
                        .deserialize("t", sent.get(2).value()))
                .isEqualTo(change);
    }

    @Test
    void emptyListsSendNothing() {
        MockProducer<byte[], byte[]> producer = producer(true);
        var writer = new KafkaTelemetryWriter(producer, topics, Duration.ofSeconds(1));

        writer.appendLogs(List.of());
        writer.appendSpans(List.of());
        writer.appendChanges(List.of());

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aFailedAcknowledgementBecomesUnavailableWithRetryAfter() {
        MockProducer<byte[], byte[]> producer = producer(false);
        var writer = new KafkaTelemetryWriter(producer, topics, Duration.ofSeconds(2));

        CompletableFuture<Void> call =
                CompletableFuture.runAsync(() -> writer.appendSpans(List.of(span("bd415fdac3196c3f913df0166dad40d5"))));
        while (producer.history().isEmpty()) {
            Thread.onSpinWait();
        }
        producer.errorNext(new NotEnoughReplicasException("only 1 in sync"));

        assertThatThrownBy(call::join)
                .hasCauseInstanceOf(UnavailableException.class)
                .cause()
                .hasMessageContaining("1 span(s)")
                .hasMessageContaining("only 1 in sync")
                .satisfies(
                        e -> assertThat(((UnavailableException) e).retryAfter()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void anUnacknowledgedAppendFailsWithinTheDeliveryTimeout() {
        MockProducer<byte[], byte[]> producer = producer(false);
        var writer = new KafkaTelemetryWriter(producer, topics, Duration.ofMillis(100));

        assertThatThrownBy(() -> writer.appendLogs(List.of(new LogEntry("a", T, "l", "", Map.of(), "", "", "loki"))))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("did not acknowledge");
    }
}
