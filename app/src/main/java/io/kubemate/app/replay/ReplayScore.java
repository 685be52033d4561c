package io.kubemate.app.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores one replay's incidents against its ground truth. Pure: no I/O, the same inputs give the same result.
 *
 * <p><b>Grouping</b> is scored pairwise over the pairs of distinct <em>labelled</em> alert fingerprints: a pair is
 * "truly together" when both alerts carry the same ground-truth label, "predicted together" when both sit in the
 * same incident. An alert no incident holds is a group of its own. Precision is correct / predicted pairs (1 when
 * nothing was predicted together), recall correct / true pairs (1 when nothing is truly together), F1 their harmonic
 * mean (0 when both are 0).
 *
 * <p><b>Origin accuracy</b> AC@k counts the ground-truth incidents that have a root cause: for each, the incident
 * holding most of its alerts (ties: the smallest incident id) is its prediction; it is a hit when the root cause is
 * among the first {@code k} services of that incident's {@code probableOrigin}. A truth none of whose alerts reached
 * an incident is a miss.
 */
public final class ReplayScore {
    private ReplayScore() {}

    /**
     * What the recording says.
     *
     * @param alerts every alert fingerprint the replay sent firing at least once
     * @param labels the ground-truth label of the labelled ones (a subset of {@code alerts})
     * @param rootCauses per label, the service that caused it, for the labels that name one
     */
    public record Truth(Set<String> alerts, Map<String, String> labels, Map<String, String> rootCauses) {
        public Truth {
            alerts = Set.copyOf(Objects.requireNonNull(alerts, "alerts"));
            labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
            rootCauses = Map.copyOf(Objects.requireNonNull(rootCauses, "rootCauses"));
        }
    }

    /**
     * What Kubemate made of it.
     *
     * @param placement per alert fingerprint, the incident holding it (alerts in no incident are absent)
     * @param origins per incident, its {@code probableOrigin} services, most likely first
     */
    public record Prediction(Map<String, String> placement, Map<String, List<String>> origins) {
        public Prediction {
            placement = Map.copyOf(Objects.requireNonNull(placement, "placement"));
            Map<String, List<String>> copy = new HashMap<>();
            Objects.requireNonNull(origins, "origins").forEach((id, list) -> copy.put(id, List.copyOf(list)));
            origins = Map.copyOf(copy);
        }
    }

    /** How one ground-truth incident with a root cause fared. */
    public record Origin(
            String label,
            String rootCause,
            int alerts,
            String incident,
            int alertsInIncident,
            List<String> predicted,
            boolean hitAt1,
            boolean hitAt3) {}

    /**
     * The figures. Pair counts and hits are sums, so {@link #combine(Collection)} micro-averages several replays.
     *
     * @param alerts fingerprints sent firing at least once
     * @param placedAlerts of those, how many some incident holds
     * @param incidents distinct incidents holding at least one of them
     * @param labelledAlerts alerts with a ground-truth label
     * @param truePairs labelled pairs with the same label
     * @param predictedPairs labelled pairs in the same incident
     * @param correctPairs labelled pairs with both
     * @param origins one entry per ground-truth incident with a root cause, by label
     */
    public record Result(
            int alerts,
            int placedAlerts,
            int incidents,
            int labelledAlerts,
            long truePairs,
            long predictedPairs,
            long correctPairs,
            List<Origin> origins) {
        public Result {
            origins = List.copyOf(origins);
        }

        /** Placed alerts per incident; 0 without incidents. */
        public double compression() {
            return incidents == 0 ? 0 : placedAlerts / (double) incidents;
        }

        public double precision() {
            return predictedPairs == 0 ? 1.0 : correctPairs / (double) predictedPairs;
        }

        public double recall() {
            return truePairs == 0 ? 1.0 : correctPairs / (double) truePairs;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Whether any alert carried a label (otherwise precision, recall and F1 say nothing). */
        public boolean isLabelled() {
            return labelledAlerts > 0;
        }

        public int hitsAt1() {
            return (int) origins.stream().filter(Origin::hitAt1).count();
        }

        public int hitsAt3() {
            return (int) origins.stream().filter(Origin::hitAt3).count();
        }

        /** AC@1, or NaN without ground-truth root causes. */
        public double accuracyAt1() {
            return origins.isEmpty() ? Double.NaN : hitsAt1() / (double) origins.size();
        }

        /** AC@3, or NaN without ground-truth root causes. */
        public double accuracyAt3() {
            return origins.isEmpty() ? Double.NaN : hitsAt3() / (double) origins.size();
        }
    }

    /** Scores {@code prediction} against {@code truth}. */
    public static Result score(Truth truth, Prediction prediction) {
        Map<String, String> placement = new HashMap<>();
        truth.alerts().forEach(fp -> {
            String incident = prediction.placement().get(fp);
            if (incident != null) {
                placement.put(fp, incident);
            }
        });
        long incidents = placement.values().stream().distinct().count();

        Map<String, Integer> byLabel = new HashMap<>();
        Map<String, Integer> byIncident = new HashMap<>();
        Map<List<String>, Integer> byBoth = new HashMap<>();
        int labelled = 0;
        for (Map.Entry<String, String> entry : truth.labels().entrySet()) {
            if (!truth.alerts().contains(entry.getKey())) {
                continue;
            }
            labelled++;
            byLabel.merge(entry.getValue(), 1, Integer::sum);
            String incident = placement.get(entry.getKey());
            if (incident != null) {
                byIncident.merge(incident, 1, Integer::sum);
                byBoth.merge(List.of(entry.getValue(), incident), 1, Integer::sum);
            }
        }
        return new Result(
                truth.alerts().size(),
                placement.size(),
                (int) incidents,
                labelled,
                pairs(byLabel.values()),
                pairs(byIncident.values()),
                pairs(byBoth.values()),
                origins(truth, placement, prediction.origins()));
    }

    /** Micro-averaged figures of several replays (counts and hits added up). */
    public static Result combine(Collection<Result> results) {
        int alerts = 0;
        int placed = 0;
        int incidents = 0;
        int labelled = 0;
        long truePairs = 0;
        long predicted = 0;
        long correct = 0;
        List<Origin> origins = new ArrayList<>();
        for (Result result : results) {
            alerts += result.alerts();
            placed += result.placedAlerts();
            incidents += result.incidents();
            labelled += result.labelledAlerts();
            truePairs += result.truePairs();
            predicted += result.predictedPairs();
            correct += result.correctPairs();
            origins.addAll(result.origins());
        }
        return new Result(alerts, placed, incidents, labelled, truePairs, predicted, correct, origins);
    }

    private static long pairs(Collection<Integer> groupSizes) {
        long sum = 0;
        for (int n : groupSizes) {
            sum += (long) n * (n - 1) / 2;
        }
        return sum;
    }

    private static List<Origin> origins(
            Truth truth, Map<String, String> placement, Map<String, List<String>> predictedOrigins) {
        Map<String, Map<String, Integer>> incidentsByLabel = new TreeMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        truth.labels().forEach((fp, label) -> {
            if (!truth.alerts().contains(fp) || !truth.rootCauses().containsKey(label)) {
                return;
            }
            sizes.merge(label, 1, Integer::sum);
            String incident = placement.get(fp);
            Map<String, Integer> counts = incidentsByLabel.computeIfAbsent(label, k -> new TreeMap<>());
            if (incident != null) {
                counts.merge(incident, 1, Integer::sum);
            }
        });
        List<Origin> origins = new ArrayList<>();
        incidentsByLabel.forEach((label, counts) -> {
            String rootCause = truth.rootCauses().get(label);
            // TreeMap order + strict '>' keeps the smallest id among equally large shares
            String best = null;
            int most = 0;
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                if (entry.getValue() > most) {
                    best = entry.getKey();
                    most = entry.getValue();
                }
            }
            List<String> ranked = best == null ? List.of() : predictedOrigins.getOrDefault(best, List.of());
            origins.add(new Origin(
                    label,
                    rootCause,
                    sizes.get(label),
                    best,
                    most,
                    ranked,
                    inTop(ranked, rootCause, 1),
                    inTop(ranked, rootCause, 3)));
        });
        return origins;
    }

    private static boolean inTop(List<String> ranked, String service, int k) {
        return ranked.subList(0, Math.min(k, ranked.size())).contains(service);
    }
}
