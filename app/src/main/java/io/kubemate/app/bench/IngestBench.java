package io.kubemate.app.bench;

import io.kubemate.app.Kubemate;
import io.kubemate.app.broker.EmbeddedBroker;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** {@code kubemate bench ingest}: starts Kubemate on a fresh embedded broker, runs every phase, prints the report. */
final class IngestBench {
    private final BenchOptions options;
    private final PrintStream out;
    private final String nonce =
            Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);

    IngestBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the benchmark; true when every target was met. */
    boolean run() throws Exception {
        Instant started = Instant.now();
        String loadAtStart = ProcInfo.loadAverage();
        Optional<Path> givenDir = Optional.ofNullable(System.getenv(Setting.DATA_DIR.envName()))
                .filter(dir -> !dir.isBlank())
                .map(Path::of);
        List<RunResult> results = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            Path dataDir = givenDir.isPresent()
                    ? givenDir.get().resolve("bench-run-" + run)
                    : Files.createTempDirectory("kubemate-bench-");
            try {
                results.add(runOnce(run, dataDir, givenDir.isPresent()));
            } finally {
                if (givenDir.isEmpty()) {
                    deleteTree(dataDir);
                }
            }
        }
        Report report = new Report(options, results, started, loadAtStart, ProcInfo.loadAverage());
        report.print(out);
        return report.allTargetsMet();
    }

    /**
     * One run: the throughput phases on a freshly started Kubemate and broker, then the latency phase on another, so
     * that neither inherits the other's backlog in the streams.
     */
    private RunResult runOnce(int run, Path dataDir, boolean keep) throws Exception {
        Path throughputDir = dataDir.resolve("throughput");
        Path latencyDir = dataDir.resolve("latency");
        Collected collected = new Collected();
        BenchRun.Throughputs t = withKubemate(run, throughputDir, keep, collected, BenchRun::throughputs);
        LatencyResult latency = withKubemate(run, latencyDir, keep, collected, BenchRun::latency);
        return new RunResult(
                t.intake(),
                t.raw(),
                t.alertmanager(),
                t.alertmanagerPeakRss(),
                latency,
                ProcInfo.peakRss("self").orElse(0L),
                collected.brokerPeakRss,
                collected.cpu);
    }

    /** What the two instances of a run leave behind besides their phases' results. */
    private static final class Collected {
        private final Map<String, String> cpu = new LinkedHashMap<>();
        private long brokerPeakRss;
    }

    /** What a run does with a started Kubemate. */
    private interface Phases<T> {
        T run(BenchRun run) throws Exception;
    }

    private <T> T withKubemate(int run, Path dir, boolean keep, Collected collected, Phases<T> phases)
            throws Exception {
        out.println("[bench] run " + run + ": starting Kubemate in " + dir);
        KubemateConfig config = KubemateConfig.load(environment(dir));
        try (Kubemate kubemate = Kubemate.start(config, line -> out.println("[bench] run " + run + ": " + line))) {
            BenchEnvironment env = environment(kubemate, config, dir);
            T result = phases.run(new BenchRun(kubemate, env, run, out, collected.cpu));
            collected.brokerPeakRss = Math.max(collected.brokerPeakRss, env.brokerPeakRss());
            return result;
        } finally {
            out.println("[bench] run " + run + ": Kubemate stopped");
            if (!keep) {
                deleteTree(dir);
            }
        }
    }

    /** Kubemate's settings from this process's {@code KUBEMATE_*} variables, bound to 127.0.0.1 and an embedded broker. */
    Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((key, value) -> {
            if (key.startsWith("KUBEMATE_")) {
                env.put(key, value);
            }
        });
        env.remove(Setting.KAFKA_BOOTSTRAP.envName());
        env.remove(Setting.CONFIG_FILE.envName());
        env.remove(Setting.WEBHOOK_TOKEN.envName());
        env.put(Setting.DATA_DIR.envName(), dataDir.toString());
        env.put(Setting.HTTP_HOST.envName(), "127.0.0.1");
        env.put(Setting.HTTP_PORT.envName(), "0");
        env.put(Setting.EMBEDDED_KAFKA_PORT.envName(), "0");
        long body = (long) options.batch() * 1024 + 64 * 1024;
        if (body > 1024 * 1024) {
            env.put(Setting.MAX_BODY_BYTES.envName(), Long.toString(body));
        }
        return env;
    }

    private BenchEnvironment environment(Kubemate kubemate, KubemateConfig config, Path dataDir) {
        String brokerPid = kubemate.embeddedBroker()
                .map(EmbeddedBroker::pid)
                .map(String::valueOf)
                .or(() -> readPid(dataDir.resolve("kafka").resolve("broker.pid")))
                .orElse("");
        return new BenchEnvironment(
                options,
                nonce,
                dataDir,
                config.string(Setting.APPLICATION_ID),
                config.integer(Setting.TOPIC_PARTITIONS),
                List.of(config.string(Setting.TOPIC_INCIDENTS), config.string(Setting.TOPIC_INCIDENT_ALERTS)),
                brokerPid);
    }

    private static Optional<String> readPid(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Deletes {@code dir} and everything under it; a failure is left for the OS to clean up. */
    static void deleteTreeQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // a temporary directory
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
