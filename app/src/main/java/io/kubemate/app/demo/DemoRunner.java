package io.kubemate.app.demo;

import io.kubemate.app.Kubemate;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import io.kubemate.app.replay.ReplayScore;
import io.kubemate.app.replay.Replayer;
import io.kubemate.app.replay.ScenarioReport;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.rca.SummaryView;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code kubemate demo}: starts Kubemate on embedded everything, replays the bundled {@value #SCENARIO} recording
 * (Alertmanager notifications, Loki and OTLP logs, OTLP traces, deploy events) through its real HTTP endpoints
 * {@value #SPEED} times faster than recorded, and prints the incidents with the main one's probable origin and
 * evidence. Then it follows updates until Ctrl-C, or, when {@code once}, returns.
 */
public final class DemoRunner {
    /** The replayed recording: the scenario with every kind of record, so every kind of evidence. */
    static final String SCENARIO = "payments-bad-deploy";

    /** Its 9.5 recorded minutes take about 28 s to send. */
    static final int SPEED = 20;

    private static final String RESOURCE = "/scenarios/" + SCENARIO + ".ndjson";
    private static final Duration STREAMS_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SETTLE_QUIET = Duration.ofSeconds(3);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EVIDENCE_TIMEOUT = Duration.ofSeconds(60);
    /** Longer than the summary request's quiet period (10 s) after the last evidence change, plus the model. */
    private static final Duration SUMMARY_TIMEOUT = Duration.ofSeconds(45);

    private static final Duration EVIDENCE_QUIET = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(250);

    private final KubemateConfig config;
    private final PrintStream out;
    private final IncidentPrinter printer;

    public DemoRunner(KubemateConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.printer = new IncidentPrinter(out);
    }

    /**
     * The demo's environment, made from the process's: data under {@code <data dir>/demo}, no tokens (the instance
     * only ever holds the recording), and the correlation window, resolve-after and flap window divided by the replay
     * speed, as {@code kubemate replay} does, because Kubemate correlates on receipt time.
     */
    public static Map<String, String> environment(Map<String, String> env) {
        Path base = Path.of(env.getOrDefault(Setting.DATA_DIR.envName(), Setting.DATA_DIR.defaultValue()));
        Map<String, String> demo = Replayer.withWindowsScaled(env, SPEED);
        demo.put(Setting.DATA_DIR.envName(), base.resolve("demo").toString());
        demo.remove(Setting.WEBHOOK_TOKEN.envName());
        demo.remove(Setting.API_TOKEN.envName());
        return demo;
    }

    /**
     * Runs the demo; returns the process exit code: 0 when every record was delivered, the incidents settled and the
     * main incident has a probable origin and evidence of logs, traces and the change; 1 otherwise.
     */
    public int run(boolean once) throws InterruptedException, IOException {
        out.println("Kubemate demo: a real Kafka broker, Kafka Streams and the HTTP API, all embedded.");
        out.println("Data: "
                + config.path(Setting.DATA_DIR).orElseThrow().toAbsolutePath().normalize() + " (wiped at every demo)");
        try (Kubemate kubemate = Kubemate.start(config, line -> out.println("  " + line))) {
            awaitStreams(kubemate);
            ScenarioReport report = replay(kubemate.httpPort());
            Optional<ReplayScore.Origin> main =
                    report.score().origins().stream().findFirst();
            Optional<IncidentEvidence> evidence = main.isEmpty()
                    ? Optional.empty()
                    : awaitEvidence(kubemate.evidence(), main.get().incident());
            Optional<IncidentSummary> summary = main.isEmpty()
                    ? Optional.empty()
                    : awaitSummary(kubemate.summaries(), main.get().incident(), evidence);
            List<Incident> incidents = kubemate.view().list(allIncidents()).items();
            printSummary(report, main, incidents, evidence, summary);
            String api = "http://localhost:" + kubemate.httpPort() + "/api/v1/incidents";
            out.println("API: " + api + "   (try: curl -s " + api
                    + main.map(m -> "/" + m.incident()).orElse("") + ")");
            out.println("Page: http://localhost:" + kubemate.httpPort() + "/"
                    + main.map(m -> "#/incidents/" + m.incident()).orElse("")
                    + "   (the live incident list and detail)");
            boolean complete =
                    report.isClean() && evidence.filter(DemoRunner::isComplete).isPresent() && summary.isPresent();
            if (once) {
                return complete ? 0 : 1;
            }
            out.println("Following incident and evidence updates; press Ctrl-C to stop.");
            follow(kubemate, incidents);
            return 0;
        }
    }

    /** Whether {@code evidence} names an origin and shows logs, traces and a change: all the recording has. */
    static boolean isComplete(IncidentEvidence evidence) {
        Set<EvidenceKind> kinds = kinds(evidence);
        return !evidence.probableOrigin().isEmpty()
                && kinds.contains(EvidenceKind.LOG_TEMPLATE)
                && (kinds.contains(EvidenceKind.SPAN) || kinds.contains(EvidenceKind.TRACE_PATH))
                && kinds.contains(EvidenceKind.CHANGE);
    }

    private static Set<EvidenceKind> kinds(IncidentEvidence evidence) {
        return evidence.items().stream()
                .map(EvidenceItem::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(EvidenceKind.class)));
    }

    private void awaitStreams(Kubemate kubemate) throws InterruptedException {
        Instant deadline = Instant.now().plus(STREAMS_TIMEOUT);
        while (!kubemate.isStreamsRunning() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        out.println("  Kafka Streams " + (kubemate.isStreamsRunning() ? "running" : "not running yet"));
    }

    private ScenarioReport replay(int port) throws IOException, InterruptedException {
        out.println();
        out.println("Scenario " + SCENARIO + " (scenarios/README.md): payments v2.3.1 is deployed and crash-loops;");
        out.println("checkout and the frontend fail with it; an unrelated search-api deploy and two background");
        out.println("problems are noise. Its alerts, logs, traces and deploy events go to the real endpoints,");
        out.println(SPEED + " times faster than recorded.");
        Replayer.Settings settings = new Replayer.Settings(SPEED, SETTLE_QUIET, SETTLE_TIMEOUT);
        try (InputStream in = DemoRunner.class.getResourceAsStream(RESOURCE);
                Replayer replayer = Replayer.remote(
                        URI.create("http://127.0.0.1:" + port), Optional.empty(), settings, this::progress)) {
            if (in == null) {
                throw new KubemateException("the application holds no " + RESOURCE + "; rebuild it");
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            ScenarioReport report = replayer.replay(SCENARIO, reader);
            printer.sent(report);
            return report;
        }
    }

    private void progress(String line) {
        out.println("  " + line);
    }

    /**
     * Waits until the incident's evidence is complete and has not changed for a moment (the assembler publishes it
     * in steps), or the deadline passes; returns the newest seen.
     */
    private Optional<IncidentEvidence> awaitEvidence(EvidenceView view, String incidentId) throws InterruptedException {
        out.println("  waiting for the evidence of " + incidentId + " ...");
        Instant deadline = Instant.now().plus(EVIDENCE_TIMEOUT);
        Optional<IncidentEvidence> last = Optional.empty();
        Instant changedAt = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            Optional<IncidentEvidence> now = view.evidence(incidentId);
            if (!now.map(IncidentEvidence::version).equals(last.map(IncidentEvidence::version))) {
                last = now;
                changedAt = Instant.now();
            }
            if (last.filter(DemoRunner::isComplete).isPresent()
                    && !Instant.now().isBefore(changedAt.plus(EVIDENCE_QUIET))) {
                return last;
            }
            Thread.sleep(POLL.toMillis());
        }
        return last;
    }

    /**
     * Waits until the incident has a summary made after its evidence was last assembled (summaries follow the
     * evidence by the request debounce), or the deadline passes; returns the newest seen.
     */
    private Optional<IncidentSummary> awaitSummary(
            SummaryView view, String incidentId, Optional<IncidentEvidence> evidence) throws InterruptedException {
        out.println("  waiting for the summary of " + incidentId + " ...");
        Instant after = evidence.map(IncidentEvidence::updatedAt).orElse(Instant.EPOCH);
        Instant deadline = Instant.now().plus(SUMMARY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<IncidentSummary> now = view.summary(incidentId);
            if (now.filter(s -> !s.createdAt().isBefore(after)).isPresent()) {
                return now;
            }
            Thread.sleep(POLL.toMillis());
        }
        return view.summary(incidentId);
    }

    private void printSummary(
            ScenarioReport report,
            Optional<ReplayScore.Origin> main,
            List<Incident> incidents,
            Optional<IncidentEvidence> evidence,
            Optional<IncidentSummary> summary) {
        ReplayScore.Result score = report.score();
        out.println();
        out.printf(
                "%d distinct alerts became %d incidents%s.%n",
                score.alerts(), incidents.size(), report.settled() ? "" : " (NOT all alerts arrived in time)");
        if (main.isEmpty()) {
            out.println("No incident holds the scenario's main problem.");
        }
        main.ifPresent(m -> {
            int rank = m.predicted().indexOf(m.rootCause()) + 1;
            out.printf(
                    "The main problem (root cause %s by the recording) has %d alerts; %d of them are in %s,%n"
                            + "which ranks %s %s as its probable origin.%n%n",
                    m.rootCause(),
                    m.alerts(),
                    m.alertsInIncident(),
                    m.incident(),
                    m.rootCause(),
                    rank == 0 ? "nowhere" : "#" + rank);
            incidents.stream()
                    .filter(i -> i.id().value().equals(m.incident()))
                    .findFirst()
                    .ifPresent(i -> printer.block(i, evidence, summary));
        });
        List<Incident> others = incidents.stream()
                .filter(i -> main.isEmpty() || !i.id().value().equals(main.get().incident()))
                .sorted(Comparator.comparing(Incident::openedAt))
                .toList();
        if (!others.isEmpty()) {
            out.println("Other incidents:");
            others.forEach(printer::line);
            out.println();
        }
    }

    private void follow(Kubemate kubemate, List<Incident> printed) throws InterruptedException {
        Map<String, Long> versions = new HashMap<>();
        Map<String, Long> evidenceVersions = new HashMap<>();
        printed.forEach(i -> {
            versions.put(i.id().value(), i.version());
            kubemate.evidence()
                    .evidence(i.id().value())
                    .ifPresent(e -> evidenceVersions.put(e.incidentId(), e.version()));
        });
        while (true) {
            for (Incident incident : kubemate.view().list(allIncidents()).items()) {
                Long before = versions.put(incident.id().value(), incident.version());
                if (before == null || before < incident.version()) {
                    printer.update(incident);
                }
                Optional<IncidentEvidence> evidence =
                        kubemate.evidence().evidence(incident.id().value());
                if (evidence.isPresent()) {
                    Long seen = evidenceVersions.put(
                            incident.id().value(), evidence.get().version());
                    if (seen == null || seen < evidence.get().version()) {
                        printer.evidenceUpdate(evidence.get());
                    }
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static IncidentQuery allIncidents() {
        return new IncidentQuery(Optional.empty(), IncidentQuery.MAX_LIMIT, Optional.empty());
    }
}
