package io.kubemate.app.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code kubemate bench templates [--forks N] [--corpus DIR]}: runs {@link TemplateMinerBenchmark} with JMH (3 forks
 * by default, each 3 × 2 s warm-up and 5 × 2 s measured iterations, one thread) and prints lines/s per fork, their
 * median and spread, against the target of {@value #TARGET_LINES_PER_SECOND} lines/s.
 */
final class TemplatesBench {
    static final double TARGET_LINES_PER_SECOND = 200_000;
    static final String USAGE = "usage: kubemate bench templates [--forks N] [--corpus DIR]\n"
            + "  DIR defaults to streams/src/test/resources/templates (run from the repository root)";

    private TemplatesBench() {}

    static int run(List<String> args, PrintStream out) {
        int forks = 3;
        String corpus = "streams/src/test/resources/templates";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--forks") || arg.equals("--corpus")) && i + 1 < args.size()) {
                String value = args.get(++i);
                if (arg.equals("--forks")) {
                    try {
                        forks = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        forks = -1;
                    }
                    if (forks < 1) {
                        out.println("--forks must be a positive integer, was " + value);
                        out.println(USAGE);
                        return BenchCommand.USAGE;
                    }
                } else {
                    corpus = value;
                }
            } else {
                out.println(arg.equals("--help") || arg.equals("-h") ? "" : "unknown option: " + arg);
                out.println(USAGE);
                return BenchCommand.USAGE;
            }
        }
        Path dir = Path.of(corpus).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            out.println("no corpus folder " + dir + " (run from the repository root or pass --corpus DIR)");
            return BenchCommand.USAGE;
        }
        Options options = new OptionsBuilder()
                .include(TemplateMinerBenchmark.class.getName() + ".add$")
                .param("corpus", dir.toString())
                .forks(forks)
                .threads(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgs("-Xms512m", "-Xmx512m")
                .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            out.println("bench failed: " + e.getMessage());
            return BenchCommand.FAILED;
        }
        List<Double> perFork = new ArrayList<>();
        for (RunResult result : results) {
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                perFork.add(fork.getPrimaryResult().getScore());
            }
        }
        if (perFork.isEmpty()) {
            out.println("bench failed: no results");
            return BenchCommand.FAILED;
        }
        List<Double> sorted = perFork.stream().sorted().toList();
        double median = sorted.size() % 2 == 1
                ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        boolean met = median >= TARGET_LINES_PER_SECOND;
        out.println();
        out.printf(Locale.ROOT, "TemplateMiner.add, 1 thread, corpus %s%n", dir);
        out.printf(
                Locale.ROOT,
                "  per fork (lines/s): %s%n",
                perFork.stream()
                        .map(v -> String.format(Locale.ROOT, "%,.0f", v))
                        .toList());
        out.printf(
                Locale.ROOT,
                "  median %,.0f lines/s, spread %,.0f .. %,.0f (%d forks); target %,.0f lines/s: %s%n",
                median,
                sorted.get(0),
                sorted.get(sorted.size() - 1),
                sorted.size(),
                TARGET_LINES_PER_SECOND,
                met ? "met" : "MISSED");
        return met ? BenchCommand.OK : BenchCommand.FAILED;
    }
}
