package io.kubemate.app.demo;

import io.kubemate.app.Kubemate;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import io.kubemate.core.alert.Fingerprint;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubemate demo}: starts Kubemate on embedded everything, replays {@link DemoScenario} through the real
 * webhook endpoint, prints the incidents, then follows their updates (until Ctrl-C, or until the problem that
 * resolved has resolved its incident when {@code once}).
 */
public final class DemoRunner {
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    private final KubemateConfig config;
    private final PrintStream out;
    private final IncidentPrinter printer;

    public DemoRunner(KubemateConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.printer = new IncidentPrinter(out);
    }

    /** Runs the demo; returns the process exit code. */
    public int run(boolean once) throws InterruptedException, IOException {
        out.println("Kubemate demo: a real Kafka broker, Kafka Streams and the HTTP API, all embedded.");
        out.println("Data: "
                + config.path(Setting.DATA_DIR).orElseThrow().toAbsolutePath().normalize() + " (wiped at every demo)");
        try (Kubemate kubemate = Kubemate.start(config, line -> out.println("  " + line))) {
            awaitStreams(kubemate);
            DemoScenario scenario = DemoScenario.startingAt(Instant.now().minusSeconds(120));
            replay(kubemate.httpPort(), scenario);
            Map<String, Boolean> expected = expectedStatus(scenario);
            boolean settled = awaitSettled(kubemate, expected);
            List<Incident> incidents = kubemate.view().list(allIncidents()).items();
            printSummary(incidents, expected, settled);
            String api = "http://localhost:" + kubemate.httpPort() + "/api/v1/incidents";
            out.println("API: " + api + "   (try: curl -s " + api + ")");
            Duration resolveAfter = config.duration(Setting.RESOLVE_AFTER);
            if (once) {
                out.println("Waiting up to " + resolveAfter.plusSeconds(15).toSeconds()
                        + " s for the fully resolved problem to resolve its incident (resolve after "
                        + resolveAfter.toSeconds() + " s quiet) ...");
                follow(kubemate, incidents, Instant.now().plus(resolveAfter.plusSeconds(15)), true);
                return settled ? 0 : 1;
            }
            out.println("Following incident updates; press Ctrl-C to stop.");
            follow(kubemate, incidents, Instant.MAX, false);
            return 0;
        }
    }

    private void awaitStreams(Kubemate kubemate) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        while (!kubemate.isStreamsRunning() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        out.println("  Kafka Streams " + (kubemate.isStreamsRunning() ? "running" : "not running yet"));
    }

    private void replay(int port, DemoScenario scenario) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        WebhookBodies bodies = new WebhookBodies();
        List<DemoScenario.Notification> notifications = scenario.notifications();
        out.printf(
                "Replaying %d Alertmanager notifications (%d alert entries, re-sends and resolutions included) ...%n",
                notifications.size(), scenario.alertEntries());
        int n = 0;
        for (DemoScenario.Notification notification : notifications) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/webhooks/alertmanager"))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Alertmanager/0.25.0 (kubemate demo)")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.render(notification, Instant.now())));
            config.optionalString(Setting.WEBHOOK_TOKEN).ifPresent(t -> request.header("Authorization", "Bearer " + t));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            out.printf(
                    "  [%2d/%d] %-26s %d alerts (%d firing) -> %d %s%n",
                    ++n,
                    notifications.size(),
                    notification.receiver().replace("kubemate-demo-", ""),
                    notification.entries().size(),
                    notification.firingCount(),
                    response.statusCode(),
                    response.body().trim());
            Thread.sleep(40);
        }
    }

    private static Map<String, Boolean> expectedStatus(DemoScenario scenario) {
        Map<String, Boolean> expected = new HashMap<>();
        scenario.finalStatus()
                .forEach((labels, firing) -> expected.put(Fingerprint.of(labels).value(), firing));
        return expected;
    }

    /** Waits until every alert of the scenario sits in an incident with its final status. */
    private boolean awaitSettled(Kubemate kubemate, Map<String, Boolean> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (matches(kubemate.view().list(allIncidents()).items(), expected)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    static boolean matches(List<Incident> incidents, Map<String, Boolean> expected) {
        Map<String, Boolean> seen = new HashMap<>();
        for (Incident incident : incidents) {
            for (IncidentAlert alert : incident.alerts()) {
                if (seen.put(alert.fingerprint(), alert.isFiring()) != null) {
                    return false;
                }
            }
        }
        return seen.equals(expected);
    }

    private void printSummary(List<Incident> incidents, Map<String, Boolean> expected, boolean settled) {
        out.println();
        out.printf(
                "%d distinct alerts became %d incidents%s:%n%n",
                expected.size(), incidents.size(), settled ? "" : " (NOT all alerts arrived in time)");
        incidents.stream().sorted(Comparator.comparing(Incident::openedAt)).forEach(printer::block);
    }

    private void follow(Kubemate kubemate, List<Incident> printed, Instant until, boolean stopWhenResolved)
            throws InterruptedException {
        Map<String, Long> versions = new HashMap<>();
        printed.forEach(i -> versions.put(i.id().value(), i.version()));
        while (Instant.now().isBefore(until)) {
            List<Incident> now = kubemate.view().list(allIncidents()).items();
            for (Incident incident : now) {
                Long before = versions.put(incident.id().value(), incident.version());
                if (before == null || before < incident.version()) {
                    printer.update(incident);
                }
            }
            if (stopWhenResolved && allQuietOnesResolved(now)) {
                out.println("Every incident whose alerts all resolved is now resolved.");
                return;
            }
            Thread.sleep(250);
        }
    }

    private static boolean allQuietOnesResolved(List<Incident> incidents) {
        return incidents.stream()
                .filter(i -> i.firingCount() == 0)
                .allMatch(i -> i.status() == IncidentStatus.RESOLVED);
    }

    private static IncidentQuery allIncidents() {
        return new IncidentQuery(Optional.empty(), IncidentQuery.MAX_LIMIT, Optional.empty());
    }
}
