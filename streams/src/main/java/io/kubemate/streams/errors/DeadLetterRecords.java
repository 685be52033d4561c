package io.kubemate.streams.errors;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Builds dead-letter records: the original bytes plus error headers. */
final class DeadLetterRecords {
    private static final int MAX_MESSAGE_CHARS = 1000;

    private final String topic;

    private DeadLetterRecords(String topic) {
        this.topic = topic;
    }

    /** Reads the dead-letter topic from the streams configuration passed to a handler's {@code configure}. */
    static DeadLetterRecords from(Map<String, ?> configs) {
        Object name = configs.get(FailurePolicy.DEAD_LETTER_TOPIC_CONFIG);
        if (name == null || name.toString().isBlank()) {
            throw new ConfigException(
                    FailurePolicy.DEAD_LETTER_TOPIC_CONFIG, name, "the dead-letter topic is required");
        }
        return new DeadLetterRecords(name.toString());
    }

    String topic() {
        return topic;
    }

    /**
     * A dead-letter record of {@code key} / {@code value} that failed at {@code stage}, with the original {@code
     * headers} (may be null) and the source coordinates from {@code context} (may be null, e.g. in a punctuation).
     */
    ProducerRecord<byte[], byte[]> of(
            String stage, byte[] key, byte[] value, Headers headers, ErrorHandlerContext context, Exception error) {
        RecordHeaders out = new RecordHeaders(headers == null ? new RecordHeaders().toArray() : headers.toArray());
        put(out, FailurePolicy.HEADER_ERROR_STAGE, stage);
        put(out, FailurePolicy.HEADER_ERROR_CLASS, error.getClass().getName());
        put(out, FailurePolicy.HEADER_ERROR_MESSAGE, message(error));
        if (context != null) {
            put(out, FailurePolicy.HEADER_SOURCE_TOPIC, context.topic());
            put(out, FailurePolicy.HEADER_SOURCE_PARTITION, Integer.toString(context.partition()));
            put(out, FailurePolicy.HEADER_SOURCE_OFFSET, Long.toString(context.offset()));
            put(out, FailurePolicy.HEADER_SOURCE_PROCESSOR, context.processorNodeId());
        }
        return new ProducerRecord<>(topic, null, key, value, out);
    }

    /** The exception's message and its root cause's, bounded so the headers stay small. */
    static String message(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(error.getMessage());
        if (root != error) {
            text += ": " + root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "..." : text;
    }

    private static void put(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
