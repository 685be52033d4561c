package io.kubemate.streams.errors;

import static io.kubemate.streams.fixtures.AlertFixture.alert;
import static io.kubemate.streams.fixtures.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.fixtures.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(CorrelationSettings.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void unreadableAlertGoesToTheDeadLetterTopicAndProcessingContinues() {
        // given
        byte[] key = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);

        // when
        harness.receiveBytes(key, poison, T0);
        harness.receive(alert("KubePodCrashLooping").firing(T0.plusSeconds(1)));

        // then
        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.value()).isEqualTo(poison);
            Headers headers = record.headers();
            assertThat(text(headers, FailurePolicy.HEADER_ERROR_STAGE)).isEqualTo("deserialization");
            assertThat(text(headers, FailurePolicy.HEADER_ERROR_CLASS))
                    .isEqualTo("org.apache.kafka.common.errors.SerializationException");
            assertThat(text(headers, FailurePolicy.HEADER_ERROR_MESSAGE)).contains("RawAlert");
            assertThat(text(headers, FailurePolicy.HEADER_SOURCE_TOPIC)).isEqualTo("kubemate.alerts.raw");
            assertThat(text(headers, FailurePolicy.HEADER_SOURCE_PARTITION)).isEqualTo("0");
            assertThat(text(headers, FailurePolicy.HEADER_SOURCE_OFFSET)).isEqualTo("0");
        });
        assertThat(harness.onlyIncident().title()).startsWith("KubePodCrashLooping");
    }

    @Test
    void alertMissingRequiredFieldsGoesToTheDeadLetterTopic() {
        // when: valid JSON, but no fingerprint, status or times
        harness.receiveBytes(null, "{\"labels\":{}}".getBytes(StandardCharsets.UTF_8), T0);

        // then
        assertThat(harness.deadLetters()).hasSize(1);
        assertThat(harness.incidents()).isEmpty();
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
