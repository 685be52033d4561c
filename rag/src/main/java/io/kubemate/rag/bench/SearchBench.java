package io.kubemate.rag.bench;

import io.kubemate.core.error.KubemateException;
import io.kubemate.rag.store.LuceneVectorStore;
import io.kubemate.rag.store.VectorMatch;
import io.kubemate.rag.store.VectorRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/** Lucene HNSW at n vectors: indexing, reopening, top-10 latency and recall against the exact answer. */
final class SearchBench {
    private static final int K = 10;
    private static final int SERVICES = 20; // a filter on one service matches 5%
    /**
     * Searches (half of them filtered) run before timing, on other queries than the timed ones: the steady state of a
     * long-running store. With 200, the p99 at 100 k vectors was 5 ms, nearly all of it C2 compiling the HNSW search on
     * the second core; after 3,000 it is about 1.3 ms, the same as Lucene's own query without the store around it.
     */
    static final int WARM_UP = 3_000;

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(20);

    private final RagBenchSettings settings;
    private final int dim = RagBenchSettings.DIMENSION;

    SearchBench(RagBenchSettings settings) {
        this.settings = settings;
    }

    RagBenchReport.Search measure(Path dir) {
        ClusteredVectors source = new ClusteredVectors(settings.vectors(), dim, settings.seed());
        float[][] data = new float[settings.vectors()][];
        Clocks indexing = new Clocks();
        index(dir, data, source);
        double indexSeconds = indexing.wallSeconds();
        Clocks settling = new Clocks();
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, dim, settings.numCandidates())) {
            store.settle(SETTLE_TIMEOUT);
        }
        double settleSeconds = settling.wallSeconds();
        float[][] queries = new float[settings.queries()][];
        Arrays.setAll(queries, i -> source.next());

        Clocks reopening = new Clocks();
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, dim, settings.numCandidates())) {
            double reopen = reopening.wallSeconds() * 1000;
            Clocks firstQuery = new Clocks();
            store.search(queries[0], K, Map.of());
            double first = firstQuery.wallSeconds() * 1000;
            for (int i = 0; i < WARM_UP; i++) {
                store.search(source.next(), K, i % 2 == 0 ? Map.of() : Map.of("service", "s" + i % SERVICES));
            }
            Timings<List<VectorMatch>> plain = time(queries.length, q -> store.search(queries[q], K, Map.of()));
            Timings<List<VectorMatch>> filtered =
                    time(queries.length, q -> store.search(queries[q], K, Map.of("service", "s" + q % SERVICES)));
            Timings<Set<String>> exact = time(queries.length, q -> exactTop(data, queries[q]));
            double recall = 0;
            for (int q = 0; q < queries.length; q++) {
                Set<String> truth = exact.results().get(q);
                recall += plain.results().get(q).stream()
                                .filter(h -> truth.contains(h.id()))
                                .count()
                        / (double) truth.size();
            }
            return new RagBenchReport.Search(
                    data.length,
                    queries.length,
                    settings.batchSize(),
                    settings.numCandidates(),
                    indexSeconds,
                    settleSeconds,
                    size(dir),
                    store.segmentCount(),
                    reopen,
                    first,
                    plain.percentile(0.50),
                    plain.percentile(0.90),
                    plain.percentile(0.99),
                    recall / queries.length,
                    filtered.percentile(0.50),
                    filtered.percentile(0.99),
                    exact.percentile(0.50),
                    plain.cpuMillis() / queries.length);
        }
    }

    private void index(Path dir, float[][] data, ClusteredVectors source) {
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, dim, settings.numCandidates())) {
            for (int from = 0; from < data.length; from += settings.batchSize()) {
                List<VectorRecord> batch = new ArrayList<>();
                for (int i = from; i < Math.min(data.length, from + settings.batchSize()); i++) {
                    data[i] = source.next();
                    batch.add(new VectorRecord("v" + i, data[i], "", Map.of("service", "s" + i % SERVICES)));
                }
                store.upsert(batch);
            }
        }
    }

    /** Latencies of {@code n} calls in milliseconds, their results, and the process CPU time they took. */
    private record Timings<T>(double[] millis, List<T> results, double cpuMillis) {
        double percentile(double p) {
            return SearchBench.percentile(millis, p);
        }
    }

    private static <T> Timings<T> time(int n, IntFunction<T> call) {
        double[] millis = new double[n];
        List<T> results = new ArrayList<>(n);
        Clocks all = new Clocks();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            results.add(call.apply(i));
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Timings<>(millis, results, all.cpuSeconds() * 1000);
    }

    /** The ids of the K vectors with the highest dot product with {@code q}, by scanning them all. */
    static Set<String> exactTop(float[][] data, float[] q) {
        int[] best = new int[K];
        double[] scores = new double[K];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < data.length; i++) {
            double s = 0;
            float[] v = data[i];
            for (int d = 0; d < v.length; d++) {
                s += v[d] * q[d];
            }
            if (s > scores[K - 1]) {
                int at = K - 1;
                while (at > 0 && scores[at - 1] < s) {
                    scores[at] = scores[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                scores[at] = s;
                best[at] = i;
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < Math.min(K, data.length); i++) {
            ids.add("v" + best[i]);
        }
        return ids;
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new KubemateException("cannot measure the index in " + dir, e);
        }
    }
}
