package io.kubemate.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MilvusSettingsTest {
    @Test
    void defaultsTheCollectionAndTimeouts() {
        MilvusSettings s = MilvusSettings.of("http://milvus:19530", null, 384);

        assertThat(s.collection()).isEqualTo(MilvusSettings.DEFAULT_COLLECTION);
        assertThat(s.token()).isEmpty();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.loadTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> new MilvusSettings(
                        "milvus:19530", "", "bad-name", 1, Duration.ZERO, Duration.ofSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("uri:", "collection:", "dimension:", "connectTimeout:")
                .hasMessageNotContaining("requestTimeout:");
    }

    @Test
    void refusesCredentialsInTheUri() {
        assertThatThrownBy(() -> MilvusSettings.of("http://root:Milvus@milvus:19530", "", 8))
                .hasMessageContaining("uri: must not carry credentials");
    }
}
