package io.kubemate.rag.bench;

import io.kubemate.core.error.KubemateException;
import io.kubemate.rag.embed.Embedder;
import io.kubemate.rag.embed.MiniLmEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The RAG benchmark: (a) embedding throughput of all-MiniLM-L6-v2 int8 and fp32 on incident texts of 60-100 words,
 * one after another and through {@code embedAll}; (b) the Lucene HNSW store at n clustered vectors: indexing rate,
 * size, reopen time, top-10 latency p50/p90/p99 (unfiltered and with a 5% filter) and recall@10 against brute force.
 * Targets on a two-core machine: at least 300 texts/s (int8, embedAll), p99 at most 5 ms and recall at least 0.98 at
 * 100,000 vectors.
 *
 * <p>{@code java ... io.kubemate.rag.bench.RagBench [--vectors N] [--queries Q] [--texts T (0: no embedding)]
 * [--batch B] [--candidates C] [--dir PATH]}
 */
public final class RagBench {
    private RagBench() {}

    /** Runs everything with the in-process models, int8 then fp32, each with one worker per core. */
    public static RagBenchReport run(RagBenchSettings settings) {
        int threads = Runtime.getRuntime().availableProcessors();
        return run(
                settings,
                List.of(() -> MiniLmEmbedder.quantized(threads), () -> MiniLmEmbedder.fullPrecision(threads)));
    }

    /** Runs everything with the given embedders, each made, measured and (when closeable) closed in turn. */
    public static RagBenchReport run(RagBenchSettings settings, List<Supplier<? extends Embedder>> embedders) {
        List<String> texts = IncidentTexts.generate(settings.texts(), settings.seed());
        List<RagBenchReport.Embedding> embedding = new ArrayList<>();
        for (Supplier<? extends Embedder> make : settings.texts() == 0 ? List.<Supplier<Embedder>>of() : embedders) {
            Embedder embedder = make.get();
            try {
                embedding.addAll(EmbeddingBench.measure(embedder, texts));
            } finally {
                if (embedder instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
        }
        return new RagBenchReport(embedding, search(settings));
    }

    /** The options {@link #main} and {@code kubemate bench rag} take. */
    public static final String USAGE = "usage: kubemate bench rag [--vectors N] [--queries N] [--texts N] [--batch N]"
            + " [--candidates N] [--dir DIR]\n"
            + "  embedding throughput (MiniLM int8 and fp32, sequential and batched) over --texts incident texts;\n"
            + "  Lucene HNSW top-10 p50/p99, recall@10 against exact search, indexing rate and reopen time at --vectors";

    public static void main(String[] args) {
        System.out.print(run(parse(args)).format());
    }

    /** The settings {@code args} ask for. @throws IllegalArgumentException on an unknown option or a bad number */
    public static RagBenchSettings parse(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option takes a value");
        }
        RagBenchSettings settings = RagBenchSettings.defaults();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            settings = switch (args[i]) {
                case "--vectors" -> settings.withVectors(Integer.parseInt(value));
                case "--queries" -> settings.withQueries(Integer.parseInt(value));
                case "--texts" -> settings.withTexts(Integer.parseInt(value));
                case "--batch" -> settings.withBatchSize(Integer.parseInt(value));
                case "--candidates" -> settings.withNumCandidates(Integer.parseInt(value));
                case "--dir" -> settings.withDirectory(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            };
        }
        return settings;
    }

    private static RagBenchReport.Search search(RagBenchSettings settings) {
        Path dir = settings.directory();
        boolean temporary = dir == null;
        try {
            if (temporary) {
                dir = Files.createTempDirectory("kubemate-bench-rag");
            }
            return new SearchBench(settings).measure(dir);
        } catch (IOException e) {
            throw new KubemateException("cannot create a directory for the benchmark index", e);
        } finally {
            if (temporary && dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new KubemateException("cannot delete the benchmark index in " + dir, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new KubemateException("cannot close an embedder after the benchmark", e);
        }
    }
}
