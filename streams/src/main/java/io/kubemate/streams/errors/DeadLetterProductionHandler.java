package io.kubemate.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails the task on every production error except a record that is too large: that one is dead-lettered (key and
 * error headers, without the value, which would be too large again) and the stream continues. Serialization errors
 * of our own records are bugs and fail. Requires {@value FailurePolicy#DEAD_LETTER_TOPIC_CONFIG}.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception error) {
        if (!(error instanceof RecordTooLargeException)) {
            return Response.fail();
        }
        int size = record.value() == null ? 0 : record.value().length;
        LOG.warn(
                "record for {} of {} bytes is too large, sent its key to {}",
                record.topic(),
                size,
                deadLetters.topic());
        return Response.resume(
                List.of(deadLetters.of("production", record.key(), null, record.headers(), context, error)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(
            ErrorHandlerContext context, ProducerRecord record, Exception error, SerializationExceptionOrigin origin) {
        return Response.fail();
    }
}
