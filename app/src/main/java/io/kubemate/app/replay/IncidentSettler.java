package io.kubemate.app.replay;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Waits, with a deadline, until the incidents holding a replay's alerts are settled: every alert sent firing sits in
 * an incident, nothing about those incidents (version, members, {@code probableOrigin}) changed for the quiet
 * period, and, when the API reports {@code probableOrigin} at all, every incident holding an alert whose truth has a
 * root cause names at least one origin (or three quiet periods passed without one).
 */
final class IncidentSettler {
    private static final Duration POLL = Duration.ofMillis(500);
    /** Incidents updated this long before the replay started are still looked at (clock skew of a remote target). */
    private static final Duration SKEW = Duration.ofMinutes(1);

    /**
     * What the API showed last.
     *
     * @param placement per alert fingerprint, its incident (the smallest incident id when two hold it)
     * @param origins per incident holding replayed alerts, its probable origin services
     * @param settled whether the conditions held before the deadline
     * @param originReported whether the API returned a {@code probableOrigin} field
     */
    record Outcome(
            Map<String, String> placement,
            Map<String, List<String>> origins,
            boolean settled,
            boolean originReported) {}

    private final IncidentApi api;

    IncidentSettler(IncidentApi api) {
        this.api = api;
    }

    Outcome await(ReplayScore.Truth truth, Instant since, Duration quiet, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> lastSignature = Map.of();
        Instant changedAt = Instant.now();
        while (true) {
            Map<String, IncidentApi.Detail> relevant = relevant(truth.alerts(), since.minus(SKEW));
            Map<String, String> signature = new TreeMap<>();
            relevant.values().forEach(d -> signature.put(d.id(), d.version() + " " + d.fingerprints() + d.origins()));
            if (!signature.equals(lastSignature)) {
                lastSignature = signature;
                changedAt = Instant.now();
            }
            Outcome outcome = outcome(relevant, false);
            boolean quietEnough = !Instant.now().isBefore(changedAt.plus(quiet));
            // origins that stay empty three quiet periods after the last change are not coming
            boolean originsDone =
                    originsReady(truth, outcome) || !Instant.now().isBefore(changedAt.plus(quiet.multipliedBy(3)));
            if (quietEnough && outcome.placement().keySet().containsAll(truth.alerts()) && originsDone) {
                return outcome(relevant, true);
            }
            if (Instant.now().isAfter(deadline)) {
                return outcome;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Map<String, IncidentApi.Detail> relevant(Set<String> alerts, Instant since)
            throws IOException, InterruptedException {
        Map<String, IncidentApi.Detail> relevant = new TreeMap<>();
        for (IncidentApi.Listed listed : api.list()) {
            if (listed.updatedAt().isBefore(since)) {
                continue;
            }
            IncidentApi.Detail detail = api.detail(listed.id());
            if (detail.fingerprints().stream().anyMatch(alerts::contains)) {
                relevant.put(listed.id(), detail);
            }
        }
        return relevant;
    }

    private static Outcome outcome(Map<String, IncidentApi.Detail> relevant, boolean settled) {
        Map<String, String> placement = new HashMap<>();
        Map<String, List<String>> origins = new HashMap<>();
        boolean reported = false;
        for (IncidentApi.Detail detail : relevant.values()) {
            detail.fingerprints().forEach(fp -> placement.putIfAbsent(fp, detail.id()));
            origins.put(detail.id(), detail.origins());
            reported |= detail.hasOriginField();
        }
        return new Outcome(placement, origins, settled, reported);
    }

    private static boolean originsReady(ReplayScore.Truth truth, Outcome outcome) {
        if (!outcome.originReported()) {
            return true;
        }
        for (Map.Entry<String, String> label : truth.labels().entrySet()) {
            if (truth.rootCauses().containsKey(label.getValue())) {
                String incident = outcome.placement().get(label.getKey());
                if (incident != null && outcome.origins().get(incident).isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }
}
