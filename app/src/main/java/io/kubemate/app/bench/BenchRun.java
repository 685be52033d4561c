package io.kubemate.app.bench;

import io.kubemate.app.Kubemate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The phases of one run against a started Kubemate. {@link IngestBench} runs the throughput phases and the latency
 * phase on two freshly started instances, so that neither inherits the other's backlog in the streams.
 */
final class BenchRun {
    /** The throughput phases' results. */
    record Throughputs(
            Throughput raw, Optional<Throughput> alertmanager, long alertmanagerPeakRss, Throughput intake) {}

    private final Kubemate kubemate;
    private final BenchOptions options;
    private final int run;
    private final String tag;
    private final Path workDir;
    private final BenchEnvironment env;
    private final PrintStream out;
    private final Map<String, String> cpu;

    /** {@code cpu} receives, per phase, where the CPU went during its measured window. */
    BenchRun(Kubemate kubemate, BenchEnvironment env, int run, PrintStream out, Map<String, String> cpu) {
        this.cpu = cpu;
        this.kubemate = kubemate;
        this.env = env;
        this.options = env.options();
        this.run = run;
        this.tag = env.nonce() + "r" + run;
        this.workDir = env.dataDir();
        this.out = out;
    }

    /** Raw producer and Alertmanager while Kubemate idles, then the webhook intake. */
    Throughputs throughputs() throws Exception {
        Throughput raw = rawProducer();
        Optional<Throughput> am = Optional.empty();
        long[] amRss = {0};
        if (!options.skipAlertmanager() && AlertmanagerPeer.installed()) {
            am = Optional.of(alertmanager(amRss));
        } else if (!options.skipAlertmanager()) {
            progress("Alertmanager 0.25: " + AlertmanagerPeer.BINARY + " not installed, phase skipped");
        }
        return new Throughputs(raw, am, amRss[0], intake());
    }

    private Throughput rawProducer() throws InterruptedException, ExecutionException, TimeoutException {
        String topic = "kubemate.bench.raw." + tag;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, env.partitions(), (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            progress("raw producer: idempotent acks=all to " + topic + " (" + env.partitions() + " partitions)");
            AlertBatches batches =
                    new AlertBatches(tag + "p", options.batch(), options.scopes(), options.incidentSize());
            CpuWindow cpu = window("");
            Throughput raw = new RawProducerLoad(kubemate.bootstrapServers(), topic, batches)
                    .run(2, options.warmupSeconds(), options.seconds());
            record("raw producer", cpu);
            progress("raw producer: " + Stats.rate(raw.alertsPerSecond()) + " records/s");
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            return raw;
        }
    }

    private Throughput alertmanager(long[] peakRss) throws IOException, InterruptedException {
        progress("Alertmanager 0.25: starting " + AlertmanagerPeer.BINARY);
        try (AlertmanagerPeer peer = AlertmanagerPeer.start(workDir.resolve("alertmanager"))) {
            AlertBatches batches =
                    new AlertBatches(tag + "a", options.batch(), options.scopes(), options.incidentSize());
            ClosedLoopHttp load = new ClosedLoopHttp(
                    peer.alertsUri(), seq -> AlertBatches.alertmanagerBody(batches.batch(seq)), options.batch());
            CpuWindow cpu = window(Long.toString(peer.pid()));
            Throughput am = load.run(options.connections(), options.warmupSeconds(), options.seconds());
            record("Alertmanager", cpu);
            peakRss[0] = ProcInfo.peakRss(Long.toString(peer.pid())).orElse(0L);
            progress("Alertmanager 0.25: " + Stats.rate(am.alertsPerSecond()) + " alerts/s, stopping it");
            return am;
        }
    }

    private Throughput intake() throws InterruptedException {
        progress("webhook intake: " + options.connections() + " connections x " + options.batch() + " alerts/POST");
        AlertBatches batches = new AlertBatches(tag + "w", options.batch(), options.scopes(), options.incidentSize());
        ClosedLoopHttp load = new ClosedLoopHttp(
                webhookUri(), seq -> AlertBatches.webhookBody(batches.batch(seq), Instant.now()), options.batch());
        CpuWindow cpu = window("");
        Throughput intake = load.run(options.connections(), options.warmupSeconds(), options.seconds());
        record("webhook intake", cpu);
        progress("webhook intake: " + Stats.rate(intake.alertsPerSecond()) + " alerts/s");
        return intake;
    }

    /** Alert to incident latency at the offered rate. */
    LatencyResult latency() throws InterruptedException {
        progress("alert->incident latency: " + Stats.rate(options.rate()) + " alerts/s offered for " + options.seconds()
                + " s");
        AlertBatches batches = new AlertBatches(tag + "l", options.batch(), options.scopes(), options.incidentSize());
        try (IncidentWatcher watcher = new IncidentWatcher(kubemate.bootstrapServers(), env.incidentTopics())) {
            CpuWindow cpu = window("");
            LatencyResult latency = new OpenLoopLatency(webhookUri(), batches)
                    .run(watcher, options.postsPerSecond(), options.warmupSeconds(), options.seconds());
            record("alert->incident latency", cpu);
            progress("alert->incident latency: p99 " + Stats.ms(latency.p99Nanos()) + " ms, matched "
                    + latency.matched() + "/" + latency.sent());
            return latency;
        }
    }

    private CpuWindow window(String peerPid) {
        return CpuWindow.start(options.warmupSeconds(), options.seconds(), env.brokerPid(), peerPid);
    }

    private void record(String phase, CpuWindow window) throws InterruptedException {
        String text = window.result();
        cpu.put(phase, text);
        progress(phase + " CPU-s in the measured window: " + text);
    }

    private URI webhookUri() {
        return URI.create("http://127.0.0.1:" + kubemate.httpPort() + "/webhooks/alertmanager");
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kubemate.bootstrapServers()));
    }

    private void progress(String line) {
        out.println("[bench] run " + run + ": " + line);
    }
}
