package io.kubemate.rag.bench;

import java.nio.file.Path;

/**
 * What the RAG benchmark measures.
 *
 * @param vectors how many vectors the Lucene index holds (the notes measured 100,000)
 * @param queries how many top-10 searches are timed (after as many again to warm up, at most 200)
 * @param texts how many incident texts each embedding run embeds
 * @param batchSize how many vectors one upsert (and so one commit) carries while indexing
 * @param directory where the index goes; {@code null} for a temporary directory deleted at the end
 * @param seed the seed of the synthetic data
 */
public record RagBenchSettings(int vectors, int queries, int texts, int batchSize, Path directory, long seed) {
    public static final int DIMENSION = 384;

    public RagBenchSettings {
        if (vectors < 10 || queries < 1 || texts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("vectors must be at least 10, queries, texts and batchSize at least 1");
        }
    }

    /** 100,000 vectors, 1,000 queries, 400 texts, batches of 20,000, a temporary directory. */
    public static RagBenchSettings defaults() {
        return new RagBenchSettings(100_000, 1_000, 400, 20_000, null, 42);
    }

    public RagBenchSettings withVectors(int n) {
        return new RagBenchSettings(n, queries, texts, batchSize, directory, seed);
    }

    public RagBenchSettings withQueries(int n) {
        return new RagBenchSettings(vectors, n, texts, batchSize, directory, seed);
    }

    public RagBenchSettings withTexts(int n) {
        return new RagBenchSettings(vectors, queries, n, batchSize, directory, seed);
    }

    public RagBenchSettings withDirectory(Path dir) {
        return new RagBenchSettings(vectors, queries, texts, batchSize, dir, seed);
    }
}
