package io.kubemate.app.bench;

import io.kubemate.app.Kubemate;
import io.kubemate.app.broker.EmbeddedBroker;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code kubemate bench soak [--minutes M] [--rate A] [--alerts N]}: Kubemate on an embedded broker under a steady
 * open-loop load of A alerts/s for M minutes, as Alertmanager produces it: a fixed population of N alerts re-sent in
 * batches of 100, a tenth of them resolving and firing again each cycle, so the state a healthy process holds is
 * bounded. Every 30 s it samples the Kubemate JVM's and the broker's RSS, the heap in use after a GC and the streams'
 * consumer lag (from {@code /metrics}); it passes when the last third's RSS median is within 15 % of the middle third's
 * and the lag in the last third never exceeds 30 s of load. Bounded in time and count; everything on 127.0.0.1.
 */
final class SoakBench {
    static final String USAGE =
            "usage: kubemate bench soak [--minutes M (10)] [--rate alerts/s (1000)] [--alerts N" + " (20000)]";
    private static final int BATCH = 100;
    private static final Duration SAMPLE = Duration.ofSeconds(30);
    private static final int MIN_MINUTES = 3;

    private final int minutes;
    private final int rate;
    private final int population;
    private final PrintStream out;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SoakBench(int minutes, int rate, int population, PrintStream out) {
        if (minutes < MIN_MINUTES || minutes > 120 || rate < BATCH || population < BATCH) {
            throw new IllegalArgumentException("--minutes " + MIN_MINUTES + " to 120 (a verdict needs "
                    + Verdict.MIN_SAMPLES + " samples, one per " + SAMPLE.toSeconds()
                    + " s), --rate and --alerts at least "
                    + BATCH);
        }
        this.minutes = minutes;
        this.rate = rate;
        this.population = population;
        this.out = out;
    }

    static SoakBench parse(List<String> args, PrintStream out) {
        Map<String, Integer> values = new HashMap<>(Map.of("--minutes", 10, "--rate", 1000, "--alerts", 20_000));
        for (int i = 0; i < args.size(); i += 2) {
            if (!values.containsKey(args.get(i)) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + args.get(i));
            }
            values.put(args.get(i), Integer.parseInt(args.get(i + 1)));
        }
        return new SoakBench(values.get("--minutes"), values.get("--rate"), values.get("--alerts"), out);
    }

    /** Runs the soak; true when RSS and lag stayed flat. */
    boolean run() throws Exception {
        Path dir = Files.createTempDirectory("kubemate-soak");
        Map<String, String> env = new HashMap<>();
        env.put(Setting.DATA_DIR.envName(), dir.toString());
        env.put(Setting.HTTP_HOST.envName(), "127.0.0.1");
        env.put(Setting.HTTP_PORT.envName(), "0");
        env.put(Setting.EMBEDDED_KAFKA_PORT.envName(), "0");
        env.put(Setting.RCA_WORKERS.envName(), "0");
        out.println("[soak] " + minutes + " min at " + rate + " alerts/s over " + population + " alerts, data in " + dir
                + " (machine: " + ProcInfo.cpuModel() + ", load " + ProcInfo.loadAverage() + ")");
        try (Kubemate kubemate = Kubemate.start(KubemateConfig.load(env), line -> out.println("[soak] " + line))) {
            String broker = kubemate.embeddedBroker()
                    .map(EmbeddedBroker::pid)
                    .map(String::valueOf)
                    .orElse("");
            List<Sample> samples = load(kubemate.httpPort(), broker);
            return report(samples);
        } finally {
            IngestBench.deleteTreeQuietly(dir);
        }
    }

    /** Offers the load and samples until the time is up; waits for the answers in flight (at most 30 s more). */
    private List<Sample> load(int port, String brokerPid) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/webhooks/alertmanager");
        URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        AlertBatches batches = new AlertBatches("soak", BATCH, Math.max(1, population / 1000), 1000);
        int batchesInPopulation = population / BATCH;
        long period = Math.round(1e9 * BATCH / rate);
        long start = System.nanoTime();
        long end = start + Duration.ofMinutes(minutes).toNanos();
        long nextSample = start;
        List<Sample> samples = new ArrayList<>();
        for (long k = 0; ; k++) {
            long scheduled = start + k * period;
            if (scheduled >= end) {
                break;
            }
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long cycle = k / batchesInPopulation;
            AlertBatches.Batch batch = batches.batch(k % batchesInPopulation);
            // a tenth of the population resolves every other cycle and fires again on the next
            boolean resolved = (k % 10 == cycle % 10) && cycle % 2 == 1;
            post(uri, AlertBatches.webhookBody(batch, Instant.now(), !resolved));
            if (System.nanoTime() >= nextSample) {
                samples.add(sample(metrics, brokerPid, System.nanoTime() - start));
                nextSample += SAMPLE.toNanos();
            }
        }
        samples.add(sample(metrics, brokerPid, System.nanoTime() - start));
        return samples;
    }

    private void post(URI uri, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 200) {
                accepted.addAndGet(BATCH);
            } else {
                failed.incrementAndGet();
            }
        });
    }

    private Sample sample(URI metrics, String brokerPid, long elapsedNanos) {
        Runtime runtime = Runtime.getRuntime();
        // heap in use after a collection: what the process keeps, not what it has not collected yet
        System.gc();
        return new Sample(
                elapsedNanos / 1_000_000_000L,
                ProcInfo.rss("self").orElse(0L),
                brokerPid.isEmpty() ? 0 : ProcInfo.rss(brokerPid).orElse(0L),
                runtime.totalMemory() - runtime.freeMemory(),
                lag(metrics),
                accepted.get(),
                failed.get());
    }

    /** The streams' consumer lag summed over topics, from the text format; -1 when it cannot be read. */
    private long lag(URI metrics) {
        try {
            String text = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            return Math.round(text.lines()
                    .filter(line -> line.startsWith("kubemate_streams_lag_records{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum());
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private boolean report(List<Sample> samples) {
        out.println(
                "| t (s) | Kubemate RSS MiB | broker RSS MiB | heap after GC MiB | streams lag (records) | alerts accepted"
                        + " | failed posts |");
        out.println("|---|---|---|---|---|---|---|");
        for (Sample s : samples) {
            out.printf(
                    "| %d | %d | %d | %d | %d | %d | %d |%n",
                    s.seconds(),
                    ProcInfo.mib(s.rss()),
                    ProcInfo.mib(s.brokerRss()),
                    ProcInfo.mib(s.heapUsed()),
                    s.lag(),
                    s.accepted(),
                    s.failed());
        }
        Verdict verdict = Verdict.of(samples, rate);
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        out.printf(
                "[soak] memory per active alert (the whole process, before load to the end, %d alerts): RSS %.1f KiB,"
                        + " heap after GC %.1f KiB%n",
                population,
                (last.rss() - first.rss()) / 1024.0 / population,
                (last.heapUsed() - first.heapUsed()) / 1024.0 / population);
        out.println("[soak] " + verdict.describe());
        return verdict.flat();
    }

    /** One observation. RSS and heap in bytes. */
    record Sample(long seconds, long rss, long brokerRss, long heapUsed, long lag, long accepted, long failed) {}

    /** Whether RSS and lag stayed flat: last third against the middle third (the first third is warm-up). */
    record Verdict(double rssGrowth, long maxLateLag, long lagBound, boolean flat) {
        static final int MIN_SAMPLES = 6;

        static Verdict of(List<Sample> samples, int rate) {
            int n = samples.size();
            long lagBound = 30L * rate;
            if (n < MIN_SAMPLES) {
                return new Verdict(Double.NaN, -1, lagBound, false);
            }
            List<Sample> middle = samples.subList(n / 3, 2 * n / 3);
            List<Sample> late = samples.subList(2 * n / 3, n);
            double growth = (double) median(late) / median(middle) - 1;
            long maxLag = late.stream().mapToLong(Sample::lag).max().orElse(-1);
            boolean flat = growth <= 0.15 && maxLag >= 0 && maxLag <= lagBound;
            return new Verdict(growth, maxLag, lagBound, flat);
        }

        String describe() {
            if (Double.isNaN(rssGrowth)) {
                return "too few samples to judge (at least " + MIN_SAMPLES + " are needed): NOT FLAT";
            }
            return String.format(
                    "RSS last third vs middle third: %+.1f %% (bound +15 %%); streams lag in the last third at most %d"
                            + " records (bound %d): %s",
                    rssGrowth * 100, maxLateLag, lagBound, flat ? "FLAT" : "NOT FLAT");
        }

        private static long median(List<Sample> samples) {
            long[] rss = samples.stream().mapToLong(Sample::rss).sorted().toArray();
            return rss[rss.length / 2];
        }
    }
}
