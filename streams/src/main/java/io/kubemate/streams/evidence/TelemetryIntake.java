package io.kubemate.streams.evidence;

import io.kubemate.core.telemetry.ChangeEvent;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.streams.view.TopicFollower;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Feeds the evidence buffers from Kafka: follows the logs, spans and changes topics from {@code lookback} before now
 * (so a restart refills the buffers) and hands each record to its consumer, all on one background thread. Every
 * instance reads all partitions: the buffers are bounded, and every instance can then assemble any incident's
 * evidence.
 */
public final class TelemetryIntake implements AutoCloseable {
    private final TelemetryTopics topics;
    private final Deserializer<LogEntry> logs = new JsonSerde<>(LogEntry.class).deserializer();
    private final Deserializer<SpanRecord> spans = new JsonSerde<>(SpanRecord.class).deserializer();
    private final Deserializer<ChangeEvent> changes = new JsonSerde<>(ChangeEvent.class).deserializer();
    private final Consumer<LogEntry> onLog;
    private final Consumer<SpanRecord> onSpan;
    private final Consumer<ChangeEvent> onChange;
    private final TopicFollower follower;

    public TelemetryIntake(
            String bootstrapServers,
            TelemetryTopics topics,
            Duration lookback,
            Consumer<LogEntry> onLog,
            Consumer<SpanRecord> onSpan,
            Consumer<ChangeEvent> onChange,
            Map<String, String> clientProperties) {
        this.topics = topics;
        this.onLog = onLog;
        this.onSpan = onSpan;
        this.onChange = onChange;
        this.follower = new TopicFollower(
                "telemetry-intake",
                bootstrapServers,
                List.of(topics.logs(), topics.spans(), topics.changes()),
                lookback,
                this::dispatch,
                clientProperties);
    }

    /** Starts following. */
    public void start() {
        follower.start();
    }

    /** Whether the buffers hold everything that was in the topics' lookback when it started. */
    public boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (topic.equals(topics.logs())) {
            onLog.accept(logs.deserialize(topic, record.value()));
        } else if (topic.equals(topics.spans())) {
            onSpan.accept(spans.deserialize(topic, record.value()));
        } else if (topic.equals(topics.changes())) {
            onChange.accept(changes.deserialize(topic, record.value()));
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
