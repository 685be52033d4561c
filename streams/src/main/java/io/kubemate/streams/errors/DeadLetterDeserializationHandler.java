package io.kubemate.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialized to the dead-letter topic (original key, value and headers plus error
 * headers) and continues with the next record. Requires {@value FailurePolicy#DEAD_LETTER_TOPIC_CONFIG}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        LOG.warn(
                "unreadable record {}-{}@{} sent to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                deadLetters.topic(),
                DeadLetterRecords.message(error));
        return Response.resume(List.of(
                deadLetters.of("deserialization", record.key(), record.value(), record.headers(), context, error)));
    }
}
