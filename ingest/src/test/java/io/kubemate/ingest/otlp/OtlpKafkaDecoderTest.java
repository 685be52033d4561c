package io.kubemate.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OtlpKafkaDecoderTest {
    @Test
    void decodesCollectorMessagesInBothEncodingsWithTheKafkaSource() {
        Function<byte[], List<SpanRecord>> proto = new OtlpKafkaDecoder("otlp_proto", Clock.systemUTC())::decodeSpans;
        Function<byte[], List<LogEntry>> json = new OtlpKafkaDecoder("otlp_json", Clock.systemUTC())::decodeLogs;

        List<SpanRecord> spans = proto.apply(OtlpFixtures.body("sdk-java-1.68.0-traces-checkout.pb"));
        List<LogEntry> logs = json.apply(OtlpFixtures.body("sdk-java-1.68.0-logs-payments.json"));

        assertThat(spans).isNotEmpty().allSatisfy(s -> assertThat(s.source()).isEqualTo("otlp-kafka"));
        assertThat(logs).singleElement().satisfies(l -> assertThat(l.source()).isEqualTo("otlp-kafka"));
    }

    @Test
    void aMessageInTheOtherEncodingIsInvalid() {
        var decoder = new OtlpKafkaDecoder("otlp_json", Clock.systemUTC());

        assertThatThrownBy(() -> decoder.decodeSpans(OtlpFixtures.body("sdk-java-1.68.0-traces-checkout.pb")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesEncodingsItDoesNotSpeak() {
        assertThatThrownBy(() -> new OtlpKafkaDecoder("jaeger_json", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("otlp_proto or otlp_json");
    }
}
