package io.kubemate.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the source record of a failed processing step (its raw key and value bytes) to the dead-letter topic with
 * error headers and continues. Requires {@value FailurePolicy#DEAD_LETTER_TOPIC_CONFIG}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        LOG.warn(
                "processing failed in {} for {}-{}@{}, record sent to {}",
                context.processorNodeId(),
                context.topic(),
                context.partition(),
                context.offset(),
                deadLetters.topic(),
                error);
        return Response.resume(List.of(deadLetters.of(
                "processing", context.sourceRawKey(), context.sourceRawValue(), context.headers(), context, error)));
    }
}
