package io.kubemate.rag.bench;

import io.kubemate.rag.store.LuceneVectorStore;
import java.nio.file.Path;

/**
 * What the RAG benchmark measures.
 *
 * @param vectors how many vectors the Lucene index holds (the notes measured 100,000)
 * @param queries how many top-10 searches are timed (after {@code SearchBench.WARM_UP} others to warm up)
 * @param texts how many incident texts each embedding run embeds; 0 skips the embedding part
 * @param batchSize how many vectors one upsert (and so one commit, and so one segment) carries while indexing
 * @param numCandidates how many candidates the HNSW search collects (the store's default is 50)
 * @param directory where the index goes; {@code null} for a temporary directory deleted at the end
 * @param seed the seed of the synthetic data
 */
public record RagBenchSettings(
        int vectors, int queries, int texts, int batchSize, int numCandidates, Path directory, long seed) {
    public static final int DIMENSION = 384;

    public RagBenchSettings {
        if (vectors < 10 || queries < 1 || texts < 0 || batchSize < 1 || numCandidates < 1) {
            throw new IllegalArgumentException(
                    "vectors must be at least 10, texts at least 0, queries, batchSize and numCandidates at least 1");
        }
    }

    /** 100,000 vectors, 1,000 queries, 400 texts, batches of 20,000, 50 candidates, a temporary directory. */
    public static RagBenchSettings defaults() {
        return new RagBenchSettings(100_000, 1_000, 400, 20_000, LuceneVectorStore.DEFAULT_NUM_CANDIDATES, null, 42);
    }

    public RagBenchSettings withVectors(int n) {
        return new RagBenchSettings(n, queries, texts, batchSize, numCandidates, directory, seed);
    }

    public RagBenchSettings withQueries(int n) {
        return new RagBenchSettings(vectors, n, texts, batchSize, numCandidates, directory, seed);
    }

    public RagBenchSettings withTexts(int n) {
        return new RagBenchSettings(vectors, queries, n, batchSize, numCandidates, directory, seed);
    }

    public RagBenchSettings withDirectory(Path dir) {
        return new RagBenchSettings(vectors, queries, texts, batchSize, numCandidates, dir, seed);
    }

    public RagBenchSettings withBatchSize(int n) {
        return new RagBenchSettings(vectors, queries, texts, n, numCandidates, directory, seed);
    }

    public RagBenchSettings withNumCandidates(int n) {
        return new RagBenchSettings(vectors, queries, texts, batchSize, n, directory, seed);
    }
}
