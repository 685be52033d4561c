package io.kubemate.rag.bench;

import java.util.List;
import java.util.Locale;

/** What one run of the RAG benchmark measured. */
public record RagBenchReport(List<Embedding> embedding, Search search) {
    public RagBenchReport {
        embedding = List.copyOf(embedding);
    }

    /**
     * One embedding run.
     *
     * @param model the model's tracked name
     * @param mode {@code embed} (one text after another on the caller's thread) or {@code embedAll} (the pool)
     * @param texts how many texts
     * @param meanWords their mean length in words
     * @param seconds wall time
     * @param cpuSeconds CPU time of the whole process meanwhile (on a shared machine: what it would take alone)
     */
    public record Embedding(String model, String mode, int texts, double meanWords, double seconds, double cpuSeconds) {
        public double textsPerSecond() {
            return texts / seconds;
        }

        public double cpuMillisPerText() {
            return cpuSeconds * 1000 / texts;
        }
    }

    /**
     * The Lucene HNSW store at {@code vectors} stored 384-dimensional vectors.
     *
     * @param batchSize vectors per upsert while indexing (one commit, one new segment each)
     * @param numCandidates candidates the HNSW search collected
     * @param indexSeconds wall time to upsert them all (commits included)
     * @param settleSeconds then to let the merges the merge policy asks for finish (the layout of a store written over
     *     days; searches are timed on it)
     * @param indexBytes size on disk
     * @param segments segments after reopening (each search visits every one)
     * @param reopenMillis to open the closed store again
     * @param firstQueryMillis the first search after reopening
     * @param p50Millis median top-10 search latency, through the {@code VectorStore} port
     * @param recallAt10 mean share of the exact top 10 (brute force) found
     * @param filteredP99Millis p99 with a metadata filter matching 5% of the vectors
     * @param bruteForceP50Millis median latency of the exact scan over the same vectors in memory
     * @param cpuMillisPerQuery process CPU time per unfiltered search
     */
    public record Search(
            int vectors,
            int queries,
            int batchSize,
            int numCandidates,
            double indexSeconds,
            double settleSeconds,
            long indexBytes,
            int segments,
            double reopenMillis,
            double firstQueryMillis,
            double p50Millis,
            double p90Millis,
            double p99Millis,
            double recallAt10,
            double filteredP50Millis,
            double filteredP99Millis,
            double bruteForceP50Millis,
            double cpuMillisPerQuery) {
        public double indexedPerSecond() {
            return vectors / indexSeconds;
        }
    }

    /** A plain-text table of the figures. */
    public String format() {
        StringBuilder sb = new StringBuilder("embedding (incident texts)\n");
        for (Embedding e : embedding) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-20s %-9s %5d texts, %4.0f words: %7.1f texts/s (%.2f s), CPU %.1f ms/text%n",
                    e.model(),
                    e.mode(),
                    e.texts(),
                    e.meanWords(),
                    e.textsPerSecond(),
                    e.seconds(),
                    e.cpuMillisPerText()));
        }
        Search s = search;
        sb.append(String.format(
                Locale.ROOT,
                "lucene hnsw, %d vectors x %d dims in batches of %d, %d queries (after %d to warm up), top 10 of %d"
                        + " candidates%n"
                        + "  index        %.1f s (%.0f vectors/s), merges settled in %.1f s: %.1f MiB on disk in %d"
                        + " segment(s)%n"
                        + "  reopen       %.1f ms, first query %.1f ms%n"
                        + "  search       p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, recall@10 %.3f, CPU %.2f ms/query%n"
                        + "  filtered 5%%  p50 %.2f ms, p99 %.2f ms%n"
                        + "  brute force  p50 %.2f ms%n",
                s.vectors(),
                RagBenchSettings.DIMENSION,
                s.batchSize(),
                s.queries(),
                SearchBench.WARM_UP,
                s.numCandidates(),
                s.indexSeconds(),
                s.indexedPerSecond(),
                s.settleSeconds(),
                s.indexBytes() / 1048576.0,
                s.segments(),
                s.reopenMillis(),
                s.firstQueryMillis(),
                s.p50Millis(),
                s.p90Millis(),
                s.p99Millis(),
                s.recallAt10(),
                s.cpuMillisPerQuery(),
                s.filteredP50Millis(),
                s.filteredP99Millis(),
                s.bruteForceP50Millis()));
        return sb.toString();
    }
}
