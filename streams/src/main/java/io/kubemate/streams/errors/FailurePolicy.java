package io.kubemate.streams.errors;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubemate's failure policy for Kafka Streams (see the package documentation): the handler configuration, the
 * uncaught-exception handler and the dead-letter header names.
 */
public final class FailurePolicy {
    /** Streams configuration key naming the dead-letter topic; the handlers fail to configure without it. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "kubemate.dead.letter.topic";
    /** Header: class name of the exception. */
    public static final String HEADER_ERROR_CLASS = "kubemate.error.class";
    /** Header: message of the exception (and of its root cause). */
    public static final String HEADER_ERROR_MESSAGE = "kubemate.error.message";
    /** Header: which handler dead-lettered it ({@code deserialization}, {@code processing}, {@code production}). */
    public static final String HEADER_ERROR_STAGE = "kubemate.error.stage";
    /** Header: topic of the source record. */
    public static final String HEADER_SOURCE_TOPIC = "kubemate.source.topic";
    /** Header: partition of the source record (decimal text). */
    public static final String HEADER_SOURCE_PARTITION = "kubemate.source.partition";
    /** Header: offset of the source record (decimal text). */
    public static final String HEADER_SOURCE_OFFSET = "kubemate.source.offset";
    /** Header: the processor node where it failed, when known. */
    public static final String HEADER_SOURCE_PROCESSOR = "kubemate.source.processor";

    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);

    private FailurePolicy() {}

    /**
     * The streams properties that install the three handlers (also for global stores) and name the dead-letter
     * topic.
     */
    public static Map<String, Object> streamsConfig(String deadLetterTopic) {
        return Map.of(
                DEAD_LETTER_TOPIC_CONFIG,
                deadLetterTopic,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingHandler.class,
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProductionHandler.class,
                // also for global stores, the default from Kafka 5.0
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG,
                "true");
    }

    /** Logs the error and replaces the stream thread; the task resumes from its last committed state. */
    public static StreamsUncaughtExceptionHandler uncaughtExceptionHandler() {
        return error -> {
            LOG.error("stream thread failed; replacing it, its tasks restart from the last commit", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }
}
