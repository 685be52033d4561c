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

        long start = System.nanoTime();
        for (String text : texts) {
            embedder.embed(text);
        }
        double sequential = seconds(start);

        start = System.nanoTime();
        embedder.embedAll(texts);
        double all = seconds(start);

        return List.of(
                new RagBenchReport.Embedding(embedder.modelName(), "embed", texts.size(), words, sequential),
                new RagBenchReport.Embedding(embedder.modelName(), "embedAll", texts.size(), words, all));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
