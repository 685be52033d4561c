package io.kubemate.rag.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditedEmbedderTest {
    @Test
    void everyTextIsAuditedBeforeItIsEmbedded() {
        List<String> audited = new ArrayList<>();
        List<String> embedded = new ArrayList<>();
        Embedder remote = new Embedder() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public String modelName() {
                return "ollama:nomic-embed-text";
            }

            @Override
            public float[] embed(String text) {
                assertThat(audited).contains("embedding:ollama:nomic-embed-text " + text);
                embedded.add(text);
                return new float[] {1, 0};
            }
        };
        Embedder audited2 =
                new AuditedEmbedder(remote, (incident, destination, text) -> audited.add(destination + " " + text));

        audited2.embed("checkout <secret:1>");
        audited2.embedAll(List.of("a", "b"));

        assertThat(embedded).containsExactly("checkout <secret:1>", "a", "b");
        assertThat(audited).hasSize(3);
        assertThat(audited2.modelName()).isEqualTo("ollama:nomic-embed-text");
    }
}
