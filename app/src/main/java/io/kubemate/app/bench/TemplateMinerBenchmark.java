package io.kubemate.app.bench;

import io.kubemate.streams.templates.Match;
import io.kubemate.streams.templates.TemplateMiner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * JMH: lines per second of {@link TemplateMiner#add} on one thread over the labelled corpus (every {@code *.log} in
 * {@link #corpus}, the six systems interleaved line by line as a shared log stream would be). Each measured iteration
 * starts with an empty miner, so it includes learning the templates and then matching against them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class TemplateMinerBenchmark {
    /** Folder of the corpus' {@code .log} files. */
    @Param("streams/src/test/resources/templates")
    public String corpus;

    private String[] lines;
    private TemplateMiner miner;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        lines = interleaved(Path.of(corpus)).toArray(String[]::new);
        if (lines.length == 0) {
            throw new IllegalStateException("no .log lines under " + corpus);
        }
    }

    @Setup(Level.Iteration)
    public void freshMiner() {
        miner = new TemplateMiner();
        next = 0;
    }

    @Benchmark
    public Match add() {
        String line = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return miner.add(line);
    }

    /** The lines of every {@code .log} file in {@code dir}, taken in turn one from each file. */
    static List<String> interleaved(Path dir) {
        List<List<String>> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p :
                    paths.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                files.add(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        int longest = files.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<String> file : files) {
                if (i < file.size()) {
                    out.add(file.get(i));
                }
            }
        }
        return out;
    }
}
