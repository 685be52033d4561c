package io.kubemate.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PullSettingsTest {
    @Test
    void defaultsHaveEveryBackendOff() {
        PullSettings settings = PullSettings.defaults();

        assertThat(settings.isAnyEnabled()).isFalse();
        for (PullBackend backend : PullBackend.values()) {
            assertThat(settings.isEnabled(backend)).isFalse();
        }
        assertThat(settings.lokiServiceLabel()).isEqualTo("service_name");
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void normalisesUrlsAndEnablesOnlyTheConfiguredBackends() {
        PullSettings settings = PullSettings.builder()
                .lokiUrl(" http://loki:3100/ ")
                .prometheusUrl("https://prom.example/prometheus/")
                .build();

        assertThat(settings.lokiUrl()).isEqualTo("http://loki:3100");
        assertThat(settings.prometheusUrl()).isEqualTo("https://prom.example/prometheus");
        assertThat(settings.isEnabled(PullBackend.LOKI)).isTrue();
        assertThat(settings.isEnabled(PullBackend.JAEGER)).isFalse();
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheFields() {
        assertThatThrownBy(() -> PullSettings.builder()
                        .lokiUrl("ftp://loki")
                        .jaegerUrl("http://user:pw@jaeger:16686")
                        .prometheusUrl("http://prom:9090/?x=1")
                        .requestTimeout(Duration.ofMillis(5))
                        .maxConcurrency(0)
                        .lokiServiceLabel("service.name")
                        .backoffBase(Duration.ofMinutes(10))
                        .backoffMax(Duration.ofMinutes(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lokiUrl: must be an http or https URL")
                .hasMessageContaining("jaegerUrl: must not carry credentials")
                .hasMessageContaining("prometheusUrl: must not have a query")
                .hasMessageContaining("requestTimeout: must be at least 100 ms")
                .hasMessageContaining("maxConcurrency: must be between 1 and 64, was 0")
                .hasMessageContaining("lokiServiceLabel: must be a Loki label name")
                .hasMessageContaining("backoffMax: must be at least 600000 ms")
                .message()
                .doesNotContain("pw");
    }

    @Test
    void neverShowsSecrets() {
        PullSettings settings = PullSettings.builder()
                .lokiAuth(PullAuth.bearer("s3cret-token"))
                .jaegerAuth(PullAuth.basic("viewer", "hunter2"))
                .build();

        assertThat(settings.toString())
                .doesNotContain("s3cret-token", "hunter2")
                .contains("viewer");
    }

    @Test
    void refusesAmbiguousAuth() {
        assertThatThrownBy(() -> new PullAuth("token", "user", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PullAuth("", "", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PullAuth.bearer("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PullAuth.bearer(" ")).isEqualTo(PullAuth.NONE);
    }
}
