package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.evidence.ServiceEdge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ranks the services of an incident by how likely each is where it started. Pure: the same facts give the same
 * ranking. Each signal adds to a service's score and, when it does, a reason:
 *
 * <ul>
 *   <li><b>Trace origin</b> (weight {@value #TRACE_WEIGHT}): the share of erroring traces whose deepest erroring span
 *       (one whose children do not error) belongs to the service. When that service's alerts name a host (a node)
 *       that alerts in the same incident, the host gets the credit instead: a node in trouble lies beneath the pods
 *       on it, as an uninstrumented database lies beneath the client spans that call it.
 *   <li><b>Graph position</b> (weight {@value #GRAPH_WEIGHT}): the share of the other alerting services that call the
 *       service, directly or through others (a callee several alerting callers depend on); a service that itself
 *       calls other alerting services loses half that weight per share (it is more likely a victim).
 *   <li><b>Shared host</b> (weight {@value #GRAPH_WEIGHT}): the share of the other alerting services whose alerts
 *       name the service as their host (a node whose evicted pods alert).
 *   <li><b>Earliest alert</b> (weight {@value #EARLY_WEIGHT}): the first service to alert gets the full weight, the
 *       second half, the third a quarter.
 *   <li><b>A change shortly before</b> (weight {@value #CHANGE_WEIGHT}): a change to the service within {@link
 *       #CHANGE_LOOKBACK} before its first alert; full weight within 15 minutes, fading to half at the edge.
 * </ul>
 *
 * <p>Candidates are the alerting services plus services that traces or changes point at. Without traces, graph or
 * changes, the earliest alert still ranks. Scores are comparable within one incident only.
 */
public final class OriginRanker {
    static final double TRACE_WEIGHT = 3.0;
    static final double GRAPH_WEIGHT = 2.0;
    static final double EARLY_WEIGHT = 1.0;
    static final double CHANGE_WEIGHT = 2.5;
    /** How long before a service's first alert a change still counts. */
    public static final Duration CHANGE_LOOKBACK = Duration.ofMinutes(60);

    private static final int MAX_DEPTH = 6;
    private static final int MAX_RESULTS = 5;

    /**
     * An alert of the incident: its service, when it started, and the infrastructure it names (the values of the
     * topology labels, such as its node).
     */
    public record AlertFact(String service, Instant firstAlertAt, List<String> hosts) {
        public AlertFact {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(firstAlertAt, "firstAlertAt");
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }

        public AlertFact(String service, Instant firstAlertAt) {
            this(service, firstAlertAt, List.of());
        }
    }

    /** A change to a service, with the evidence item that shows it (may be empty). */
    public record ChangeFact(String service, Instant time, String description, String evidenceId) {
        public ChangeFact {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(time, "time");
            description = description == null ? "change" : description;
            evidenceId = evidenceId == null ? "" : evidenceId;
        }
    }

    /**
     * Trace origins: how many erroring traces had their origin in each service, out of {@code erroringTraces}, with
     * the evidence item that shows the paths (may be empty).
     */
    public record TraceFacts(Map<String, Integer> originCounts, int erroringTraces, String evidenceId) {
        public static final TraceFacts NONE = new TraceFacts(Map.of(), 0, "");

        public TraceFacts {
            originCounts = originCounts == null ? Map.of() : Map.copyOf(originCounts);
            evidenceId = evidenceId == null ? "" : evidenceId;
        }
    }

    /** Everything the ranking looks at. */
    public record Facts(List<AlertFact> alerts, List<ServiceEdge> edges, TraceFacts traces, List<ChangeFact> changes) {
        public Facts {
            alerts = alerts == null ? List.of() : List.copyOf(alerts);
            edges = edges == null ? List.of() : List.copyOf(edges);
            traces = traces == null ? TraceFacts.NONE : traces;
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    private OriginRanker() {}

    /** The candidates, most likely first, at most five; empty when there is no service at all. */
    public static List<ProbableOrigin> rank(Facts facts) {
        Map<String, Instant> firstAlert = new TreeMap<>();
        for (AlertFact alert : facts.alerts()) {
            if (!alert.service().isBlank()) {
                firstAlert.merge(alert.service(), alert.firstAlertAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Set<String> candidates = new LinkedHashSet<>(firstAlert.keySet());
        facts.traces().originCounts().keySet().stream()
                .filter(s -> !s.isBlank())
                .forEach(candidates::add);
        Map<String, Score> scores = new HashMap<>();
        candidates.forEach(service -> scores.put(service, new Score(service)));

        traceOrigins(facts.traces(), alertingHosts(facts.alerts(), firstAlert.keySet()), scores);
        graphPosition(firstAlert.keySet(), facts.edges(), scores);
        sharedHosts(facts.alerts(), firstAlert.keySet(), scores);
        earliest(firstAlert, scores);
        changes(facts.changes(), firstAlert, scores);

        return scores.values().stream()
                .filter(score -> score.value > 0)
                .sorted(Comparator.comparingDouble((Score s) -> -s.value).thenComparing(s -> s.service))
                .limit(MAX_RESULTS)
                .map(score -> new ProbableOrigin(score.service, Math.round(score.value * 100) / 100.0, score.reasons))
                .toList();
    }

    private static void traceOrigins(
            TraceFacts traces, Map<String, Set<String>> alertingHosts, Map<String, Score> scores) {
        if (traces.erroringTraces() <= 0) {
            return;
        }
        // origins in a service on an alerting host count for the host (split when it names several)
        Map<String, Double> credit = new TreeMap<>();
        Map<String, Set<String>> via = new TreeMap<>();
        traces.originCounts().forEach((service, count) -> {
            if (count <= 0) {
                return;
            }
            Set<String> hosts = alertingHosts.getOrDefault(service, Set.of());
            if (hosts.isEmpty()) {
                credit.merge(service, count.doubleValue(), Double::sum);
                return;
            }
            for (String host : hosts) {
                credit.merge(host, count / (double) hosts.size(), Double::sum);
                via.computeIfAbsent(host, k -> new TreeSet<>()).add(service);
            }
        });
        credit.forEach((service, count) -> {
            Score score = scores.get(service);
            if (score == null) {
                return;
            }
            double share = Math.min(1.0, count / traces.erroringTraces());
            Set<String> hosted = via.getOrDefault(service, Set.of());
            score.add(
                    TRACE_WEIGHT * share,
                    "origin of " + Math.round(count) + " of " + traces.erroringTraces() + " erroring traces"
                            + (hosted.isEmpty() ? "" : ", in services it hosts (" + String.join(", ", hosted) + ")")
                            + cite(traces.evidenceId()));
        });
    }

    /** Per alerting service, the other alerting services its alerts name as their host. */
    private static Map<String, Set<String>> alertingHosts(List<AlertFact> alerts, Set<String> alerting) {
        Map<String, Set<String>> hosts = new HashMap<>();
        for (AlertFact alert : alerts) {
            for (String host : alert.hosts()) {
                if (!host.equals(alert.service()) && alerting.contains(host)) {
                    hosts.computeIfAbsent(alert.service(), k -> new TreeSet<>()).add(host);
                }
            }
        }
        return hosts;
    }

    private static void graphPosition(Set<String> alerting, List<ServiceEdge> edges, Map<String, Score> scores) {
        if (alerting.size() < 2 || edges.isEmpty()) {
            return;
        }
        Map<String, Set<String>> callees = new HashMap<>();
        for (ServiceEdge edge : edges) {
            if (!edge.caller().equals(edge.callee())) {
                callees.computeIfAbsent(edge.caller(), k -> new HashSet<>()).add(edge.callee());
            }
        }
        int others = alerting.size() - 1;
        for (Score score : scores.values()) {
            String service = score.service;
            List<String> callers = new ArrayList<>();
            int downstreamAlerting = 0;
            Set<String> reachable = reachable(service, callees);
            for (String other : alerting) {
                if (other.equals(service)) {
                    continue;
                }
                if (reachable(other, callees).contains(service)) {
                    callers.add(other);
                }
                if (reachable.contains(other)) {
                    downstreamAlerting++;
                }
            }
            if (!callers.isEmpty()) {
                callers.sort(String::compareTo);
                score.add(
                        GRAPH_WEIGHT * Math.min(1.0, callers.size() / (double) others),
                        "depended on by " + callers.size() + " of " + others + " other alerting services ("
                                + String.join(", ", callers) + ")");
            }
            if (downstreamAlerting > 0) {
                score.add(-GRAPH_WEIGHT / 2 * Math.min(1.0, downstreamAlerting / (double) others), null);
            }
        }
    }

    /** A service that is the host (node) other alerting services' alerts name: it is what they share. */
    private static void sharedHosts(List<AlertFact> alerts, Set<String> alerting, Map<String, Score> scores) {
        if (alerting.size() < 2) {
            return;
        }
        Map<String, Set<String>> hosted = new TreeMap<>();
        for (AlertFact alert : alerts) {
            for (String host : alert.hosts()) {
                if (!host.equals(alert.service())) {
                    hosted.computeIfAbsent(host, k -> new TreeSet<>()).add(alert.service());
                }
            }
        }
        int others = alerting.size() - 1;
        hosted.forEach((host, services) -> {
            Score score = scores.get(host);
            if (score == null) {
                return;
            }
            score.add(
                    GRAPH_WEIGHT * Math.min(1.0, services.size() / (double) others),
                    "hosts " + services.size() + " of " + others + " other alerting services ("
                            + String.join(", ", services) + ")");
        });
    }

    private static Set<String> reachable(String from, Map<String, Set<String>> callees) {
        Set<String> seen = new HashSet<>();
        Deque<String[]> queue = new ArrayDeque<>();
        queue.add(new String[] {from, "0"});
        while (!queue.isEmpty()) {
            String[] next = queue.poll();
            int depth = Integer.parseInt(next[1]);
            if (depth >= MAX_DEPTH) {
                continue;
            }
            for (String callee : callees.getOrDefault(next[0], Set.of())) {
                if (!callee.equals(from) && seen.add(callee)) {
                    queue.add(new String[] {callee, Integer.toString(depth + 1)});
                }
            }
        }
        return seen;
    }

    private static void earliest(Map<String, Instant> firstAlert, Map<String, Score> scores) {
        List<Map.Entry<String, Instant>> ordered = firstAlert.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        double weight = EARLY_WEIGHT;
        for (int i = 0; i < ordered.size() && i < 3; i++) {
            Map.Entry<String, Instant> entry = ordered.get(i);
            // a tie with the earlier one shares its rank
            if (i > 0 && !entry.getValue().equals(ordered.get(i - 1).getValue())) {
                weight = EARLY_WEIGHT / Math.pow(2, i);
            }
            scores.get(entry.getKey())
                    .add(weight, i == 0 || weight == EARLY_WEIGHT ? "first to alert (" + entry.getValue() + ")" : null);
        }
    }

    private static void changes(List<ChangeFact> changes, Map<String, Instant> firstAlert, Map<String, Score> scores) {
        Instant incidentStart =
                firstAlert.values().stream().min(Instant::compareTo).orElse(null);
        List<ChangeFact> newestFirst = changes.stream()
                .sorted(Comparator.comparing(ChangeFact::time).reversed())
                .toList();
        for (ChangeFact change : newestFirst) {
            Score score = scores.get(change.service());
            if (score == null) {
                continue;
            }
            Instant before = firstAlert.getOrDefault(change.service(), incidentStart);
            if (before == null || change.time().isAfter(before)) {
                continue;
            }
            Duration gap = Duration.between(change.time(), before);
            if (gap.compareTo(CHANGE_LOOKBACK) > 0) {
                continue;
            }
            double minutes = gap.toSeconds() / 60.0;
            double factor = minutes <= 15 ? 1.0 : 1.0 - 0.5 * (minutes - 15) / 45.0;
            score.addOnce(
                    "change",
                    CHANGE_WEIGHT * factor,
                    change.description() + " " + Math.round(minutes) + " min before its first alert"
                            + cite(change.evidenceId()));
        }
    }

    private static String cite(String evidenceId) {
        return evidenceId.isEmpty() ? "" : " (" + evidenceId + ")";
    }

    /** A service's running score and reasons. */
    private static final class Score {
        final String service;
        final List<String> reasons = new ArrayList<>();
        final Set<String> once = new HashSet<>();
        double value;

        Score(String service) {
            this.service = service;
        }

        void add(double amount, String reason) {
            value += amount;
            if (reason != null) {
                reasons.add(reason);
            }
        }

        void addOnce(String signal, double amount, String reason) {
            if (once.add(signal)) {
                add(amount, reason);
            }
        }
    }
}
