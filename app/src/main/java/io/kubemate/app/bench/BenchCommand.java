package io.kubemate.app.bench;

import io.kubemate.rag.bench.ContextBench;
import io.kubemate.rag.bench.RagBench;
import io.kubemate.rag.bench.RagBenchSettings;
import io.kubemate.rag.embed.MiniLmEmbedder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kubemate bench ...}: the entry point the command line calls with the arguments after {@code bench} ({@code
 * ingest}, {@code templates} for the template miner's JMH benchmark, or {@code rag} for embeddings and vector search).
 */
public final class BenchCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private BenchCommand() {}

    /** {@code bench rag}: embedding throughput and vector search (issue 4), printed; no pass/fail targets here. */
    private static int rag(List<String> args, PrintStream out) {
        RagBenchSettings settings;
        try {
            settings = RagBench.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(RagBench.USAGE);
            return USAGE;
        }
        out.print(RagBench.run(settings).format());
        return OK;
    }

    /** {@code bench rag-context [--incidents N] [--queries N]}: redaction + retrieval + prompt per incident. */
    private static int ragContext(List<String> args, PrintStream out) {
        int incidents = 10_000;
        int queries = 300;
        try {
            for (int i = 0; i < args.size(); i += 2) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("every option takes a value");
                }
                int value = Integer.parseInt(args.get(i + 1));
                switch (args.get(i)) {
                    case "--incidents" -> incidents = value;
                    case "--queries" -> queries = value;
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            if (incidents < 10 || queries < 1) {
                throw new IllegalArgumentException("--incidents at least 10, --queries at least 1");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: kubemate bench rag-context [--incidents N (10000)] [--queries N (300)]");
            return USAGE;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("kubemate-bench-context");
        } catch (IOException e) {
            out.println("bench failed: " + e);
            return FAILED;
        }
        try (MiniLmEmbedder embedder = MiniLmEmbedder.quantized(2)) {
            ContextBench.Result result = ContextBench.run(incidents, queries, embedder, dir);
            out.print(result.format());
            boolean met = result.p99Millis() <= 100;
            out.println("  target p99 <= 100 ms: " + (met ? "PASS" : "MISS"));
            return met ? OK : FAILED;
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    /** {@code bench soak}: steady load for minutes; 0 when RSS and consumer lag stayed flat. */
    private static int soak(List<String> args, PrintStream out) {
        SoakBench soak;
        try {
            soak = SoakBench.parse(args, out);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(SoakBench.USAGE);
            return USAGE;
        }
        try {
            return soak.run() ? OK : FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("soak interrupted");
            return FAILED;
        } catch (Exception e) {
            out.println("soak failed: " + e);
            return FAILED;
        }
    }

    /** Runs a benchmark; returns 0 when it ran and every target was met, 1 otherwise, 2 on a usage error. */
    public static int run(List<String> args, PrintStream out) {
        if (!args.isEmpty() && args.get(0).equals("templates")) {
            return TemplatesBench.run(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("rag-context")) {
            return ragContext(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("rag")) {
            return rag(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("soak")) {
            return soak(args.subList(1, args.size()), out);
        }
        if (args.isEmpty() || !args.get(0).equals("ingest") || args.contains("--help") || args.contains("-h")) {
            boolean help = args.contains("--help") || args.contains("-h");
            if (!help) {
                out.println(args.isEmpty() ? "missing subcommand" : "unknown bench subcommand: " + args.get(0));
            }
            out.println(BenchOptions.USAGE);
            return USAGE;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(BenchOptions.USAGE);
            return USAGE;
        }
        try {
            return new IngestBench(options, out).run() ? OK : FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("bench interrupted");
            return FAILED;
        } catch (Exception e) {
            out.println("bench failed: " + e);
            return FAILED;
        }
    }
}
