package io.kubemate.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {
    @Test
    void parsesEveryOption() {
        ReplayOptions options = ReplayOptions.parse(List.of(
                "a.ndjson",
                "--speed",
                "30",
                "--target",
                "http://km:8080",
                "--token",
                "t",
                "--json",
                "b.ndjson",
                "--quiet",
                "2.5",
                "--timeout",
                "60"));

        assertThat(options.files()).containsExactly(Path.of("a.ndjson"), Path.of("b.ndjson"));
        assertThat(options.speed()).isEqualTo(30);
        assertThat(options.target()).contains(URI.create("http://km:8080"));
        assertThat(options.token()).contains("t");
        assertThat(options.json()).isTrue();
        assertThat(options.quiet()).isEqualTo(Duration.ofMillis(2500));
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void defaultsToSpeedOneOnAnEmbeddedInstance() {
        ReplayOptions options = ReplayOptions.parse(List.of("a.ndjson"));

        assertThat(options.speed()).isEqualTo(1);
        assertThat(options.target()).isEmpty();
        assertThat(options.json()).isFalse();
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> ReplayOptions.parse(List.of())).hasMessageContaining("missing FILE");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "--speed", "0")))
                .hasMessageContaining("--speed must be a positive number");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "--target", "km:8080")))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "--speed"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "--fast"))).hasMessageContaining("unknown option");
    }

    @Test
    void theEmbeddedInstanceScalesItsCorrelationDurationsByTheSpeed() {
        Map<String, String> env = Replayer.embeddedEnvironment(
                Map.of("KUBEMATE_KAFKA_BOOTSTRAP", "kafka:9092", "KUBEMATE_CORRELATION_WINDOW", "15m"),
                Path.of("/tmp/x"),
                30);

        assertThat(env)
                .doesNotContainKey("KUBEMATE_KAFKA_BOOTSTRAP")
                .containsEntry("KUBEMATE_CORRELATION_WINDOW", "30000ms")
                .containsEntry("KUBEMATE_RESOLVE_AFTER", "10000ms")
                .containsEntry("KUBEMATE_FLAP_WINDOW", "10000ms")
                .containsEntry("KUBEMATE_HTTP_PORT", "0")
                .containsEntry("KUBEMATE_DATA_DIR", Path.of("/tmp/x").toString());
    }
}
