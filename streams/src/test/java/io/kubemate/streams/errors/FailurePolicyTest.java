package io.kubemate.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {
    private static final Map<String, Object> CONFIG = Map.of(FailurePolicy.DEAD_LETTER_TOPIC_CONFIG, "dlq");
    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        @Override
        public String topic() {
            return "kubemate.actions";
        }

        @Override
        public int partition() {
            return 3;
        }

        @Override
        public long offset() {
            return 42;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders().add("trace", "t1".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String processorNodeId() {
            return "incident-correlation";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(1, 3);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return bytes("k");
        }

        @Override
        public byte[] sourceRawValue() {
            return bytes("v");
        }
    };

    @Test
    void productionFailsOnEverythingButATooLargeRecord() {
        // given
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(CONFIG);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("kubemate.incidents", bytes("inc-1"), bytes("{}"));

        // when
        var network = handler.handleError(CONTEXT, record, new NetworkException("down"));
        var tooLarge = handler.handleError(CONTEXT, record, new RecordTooLargeException("17 MiB"));

        // then
        assertThat(network.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(tooLarge.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("dlq");
            assertThat(dead.key()).isEqualTo(bytes("inc-1"));
            assertThat(dead.value()).isNull();
            assertThat(header(dead, FailurePolicy.HEADER_ERROR_CLASS))
                    .isEqualTo(RecordTooLargeException.class.getName());
        });
    }

    @Test
    void processingFailureSendsTheSourceBytesToTheDeadLetterTopicAndResumes() {
        // given
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(CONFIG);

        // when
        var response = handler.handleError(
                CONTEXT, new Record<>("k", "v", 0L), new IllegalStateException("bug", new ArithmeticException("/0")));

        // then
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(bytes("k"));
            assertThat(dead.value()).isEqualTo(bytes("v"));
            assertThat(header(dead, "trace")).isEqualTo("t1");
            assertThat(header(dead, FailurePolicy.HEADER_ERROR_STAGE)).isEqualTo("processing");
            assertThat(header(dead, FailurePolicy.HEADER_ERROR_MESSAGE)).isEqualTo("bug: ArithmeticException: /0");
            assertThat(header(dead, FailurePolicy.HEADER_SOURCE_TOPIC)).isEqualTo("kubemate.actions");
            assertThat(header(dead, FailurePolicy.HEADER_SOURCE_PARTITION)).isEqualTo("3");
            assertThat(header(dead, FailurePolicy.HEADER_SOURCE_OFFSET)).isEqualTo("42");
            assertThat(header(dead, FailurePolicy.HEADER_SOURCE_PROCESSOR)).isEqualTo("incident-correlation");
        });
    }

    @Test
    void handlersRefuseToStartWithoutADeadLetterTopic() {
        assertThatThrownBy(() -> new DeadLetterDeserializationHandler().configure(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(FailurePolicy.DEAD_LETTER_TOPIC_CONFIG);
    }

    @Test
    void uncaughtExceptionsReplaceTheThread() {
        assertThat(FailurePolicy.uncaughtExceptionHandler().handle(new IllegalStateException("boom")))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
