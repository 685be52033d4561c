package io.kubemate.app.bench;

import io.kubemate.rag.bench.RagBench;
import io.kubemate.rag.bench.RagBenchSettings;
import java.io.PrintStream;
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

    /** Runs a benchmark; returns 0 when it ran and every target was met, 1 otherwise, 2 on a usage error. */
    public static int run(List<String> args, PrintStream out) {
        if (!args.isEmpty() && args.get(0).equals("templates")) {
            return TemplatesBench.run(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("rag")) {
            return rag(args.subList(1, args.size()), out);
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
