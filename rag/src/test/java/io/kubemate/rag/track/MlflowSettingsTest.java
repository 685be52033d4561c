package io.kubemate.rag.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MlflowSettingsTest {
    @Test
    void defaultsTheExperimentModelTimeoutsAndQueue() {
        MlflowSettings s = MlflowSettings.of("http://mlflow:5000/", null);

        assertThat(s.trackingUri()).isEqualTo("http://mlflow:5000");
        assertThat(s.experiment()).isEqualTo("kubemate-rca");
        assertThat(s.registeredModel()).isEqualTo("kubemate-rca-summarizer");
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.queueCapacity()).isEqualTo(256);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() ->
                        new MlflowSettings("file:///tmp/mlruns", "", null, "rca summarizer", Duration.ZERO, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("trackingUri:", "registeredModel:", "connectTimeout:", "queueCapacity:")
                .hasMessageNotContaining("requestTimeout:");
    }
}
