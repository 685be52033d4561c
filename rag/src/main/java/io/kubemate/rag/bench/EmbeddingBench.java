package io.kubemate.rag.bench;

import io.kubemate.rag.embed.Embedder;
import java.util.List;

/** Embedding throughput of one model: one text after another, then all at once through its pool. */
final class EmbeddingBench {
    private static final int WARM_UP = 10;

    private EmbeddingBench() {}

    static List<RagBenchReport.Embedding> measure(Embedder embedder, List<String> texts) {
        double words =
                texts.stream().mapToInt(t -> t.split("\\s+").length).average().orElse(0);
        texts.subList(0, Math.min(WARM_UP, texts.size())).forEach(embedder::embed);

        Clocks sequential = new Clocks();
        for (String text : texts) {
            embedder.embed(text);
        }
        RagBenchReport.Embedding one = new RagBenchReport.Embedding(
                embedder.modelName(), "embed", texts.size(), words, sequential.wallSeconds(), sequential.cpuSeconds());

        Clocks all = new Clocks();
        embedder.embedAll(texts);
        RagBenchReport.Embedding bulk = new RagBenchReport.Embedding(
                embedder.modelName(), "embedAll", texts.size(), words, all.wallSeconds(), all.cpuSeconds());
        return List.of(one, bulk);
    }
}
