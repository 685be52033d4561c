package io.kubemate.rag.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retrieval quality on the labelled set in {@code memory/}: 36 resolved incidents of 12 root-cause kinds
 * ({@code past.json}), 18 new incidents of known kinds and 9 of kinds the memory does not hold ({@code queries.json}).
 * A known-kind query is a hit when a past incident of its kind is among the top k; the right past incidents of a query
 * are all those of its kind. A query is flagged new when its best match scores below the threshold.
 *
 * <p>Calibration of {@link MemorySettings#DEFAULT_CLOSE_MATCH_THRESHOLD}: the printed best-F1 threshold of the "new"
 * flag over the top scores of both kinds of query; the default is rounded from it (figures in the report of the
 * branch that introduced it).
 */
class RetrievalQualityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static IncidentMemory memory;
    private static final Map<String, String> KIND_OF_ID = new HashMap<>();
    private static List<JsonNode> queries;

    @BeforeAll
    static void rememberThePast() throws IOException {
        MiniLmTestEmbedder embedder = new MiniLmTestEmbedder();
        memory = new IncidentMemory(
                new ExactVectorStore(embedder.dimension()),
                embedder,
                new IncidentText(UnaryOperator.identity()),
                MemorySettings.defaults(),
                Clock.systemUTC());
        for (JsonNode past : load("past.json")) {
            Incident incident = incident(past);
            KIND_OF_ID.put(incident.id().value(), past.get("kind").asText());
            memory.remember(
                    incident, evidence(incident, past), past.get("resolution").asText());
        }
        queries = load("queries.json");
    }

    @Test
    void findsThePastIncidentOfTheSameKindAndFlagsNewKinds() {
        List<double[]> known = new ArrayList<>(); // top score, hit@1, hit@3
        List<Double> fresh = new ArrayList<>();
        List<Double> heldOut = new ArrayList<>();
        int flagged = 0;
        int flaggedNew = 0;
        for (JsonNode query : queries) {
            Incident incident = incident(query);
            Retrieval retrieval = memory.similar(incident, evidence(incident, query), 3);
            String kind = query.get("kind").asText();
            double top = retrieval.incidents().get(0).score();
            flagged += retrieval.isNew() ? 1 : 0;
            if (kind.equals("new")) {
                fresh.add(top);
                flaggedNew += retrieval.isNew() ? 1 : 0;
                if (!retrieval.isNew()) {
                    System.out.printf(
                            "unflagged new %s (%.3f)%n", query.get("name").asText(), top);
                }
                continue;
            }
            heldOut.add(bestOfOtherKinds(incident, query, kind));
            List<String> kinds = retrieval.incidents().stream()
                    .map(match -> KIND_OF_ID.get(match.incidentId()))
                    .toList();
            known.add(new double[] {top, kinds.get(0).equals(kind) ? 1 : 0, kinds.contains(kind) ? 1 : 0});
            if (!kinds.get(0).equals(kind)) {
                System.out.printf("miss@1 %s -> %s (%.3f)%n", query.get("name").asText(), kinds, top);
            }
        }
        double hit1 = known.stream().mapToDouble(row -> row[1]).average().orElse(0);
        double hit3 = known.stream().mapToDouble(row -> row[2]).average().orElse(0);
        double precision = flagged == 0 ? 0 : (double) flaggedNew / flagged;
        double recall = (double) flaggedNew / fresh.size();
        List<Double> knownTop = known.stream().map(row -> row[0]).sorted().toList();
        System.out.printf(
                "retrieval: %d known queries, %d new; hit@1 %.3f hit@3 %.3f; new-flag precision %.3f recall %.3f"
                        + " at threshold %.3f%n",
                known.size(),
                fresh.size(),
                hit1,
                hit3,
                precision,
                recall,
                MemorySettings.DEFAULT_CLOSE_MATCH_THRESHOLD);
        double threshold = MemorySettings.DEFAULT_CLOSE_MATCH_THRESHOLD;
        long heldOutFlagged =
                heldOut.stream().filter(score -> score < threshold).count();
        long knownFlagged = knownTop.stream().filter(score -> score < threshold).count();
        System.out.printf(
                "held-out kinds (each known query with its own kind removed from memory): new-flag precision %.3f"
                        + " recall %.3f%ntop scores held out %s%n",
                (double) heldOutFlagged / Math.max(1, heldOutFlagged + knownFlagged),
                (double) heldOutFlagged / heldOut.size(),
                format(heldOut.stream().sorted().toList()));
        System.out.printf(
                "top scores known %s%ntop scores new   %s%nbest-F1 threshold %.3f%n",
                format(knownTop), format(fresh.stream().sorted().toList()), bestF1(knownTop, fresh));

        assertThat(known).hasSizeGreaterThanOrEqualTo(12);
        assertThat(fresh).hasSizeGreaterThanOrEqualTo(6);
        assertThat(hit3).isGreaterThanOrEqualTo(0.9);
        assertThat(precision).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void labelledSetHoldsThirtyPastIncidentsOfEightKindsAndNewKindsAreAbsent() {
        Set<String> kinds = Set.copyOf(KIND_OF_ID.values());
        assertThat(KIND_OF_ID).hasSizeGreaterThanOrEqualTo(30);
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(8).doesNotContain("new");
        Set<String> queryKinds =
                queries.stream().map(q -> q.get("kind").asText()).collect(Collectors.toSet());
        assertThat(kinds)
                .containsAll(queryKinds.stream().filter(k -> !k.equals("new")).toList());
    }

    /** The best score the query would get if no past incident of its kind were in memory. */
    private static double bestOfOtherKinds(Incident incident, JsonNode query, String kind) {
        return memory.similar(incident, evidence(incident, query), KIND_OF_ID.size()).incidents().stream()
                .filter(match -> !KIND_OF_ID.get(match.incidentId()).equals(kind))
                .findFirst()
                .orElseThrow()
                .score();
    }

    /** The threshold (midway between two observed scores) with the best F1 of the new flag. */
    private static double bestF1(List<Double> known, List<Double> fresh) {
        List<Double> all = new ArrayList<>(known);
        all.addAll(fresh);
        all.sort(Double::compare);
        double best = 0;
        double bestThreshold = 0;
        for (int i = 0; i + 1 < all.size(); i++) {
            double threshold = (all.get(i) + all.get(i + 1)) / 2;
            long truePositive = fresh.stream().filter(s -> s < threshold).count();
            long falsePositive = known.stream().filter(s -> s < threshold).count();
            double f1 = 2.0 * truePositive / (2.0 * truePositive + falsePositive + (fresh.size() - truePositive));
            if (f1 > best) {
                best = f1;
                bestThreshold = threshold;
            }
        }
        return bestThreshold;
    }

    private static String format(List<Double> scores) {
        return scores.stream().map(s -> String.format("%.3f", s)).collect(Collectors.joining(" "));
    }

    private static List<JsonNode> load(String name) throws IOException {
        try (InputStream in = RetrievalQualityTest.class.getResourceAsStream("/memory/" + name)) {
            List<JsonNode> nodes = new ArrayList<>();
            JSON.readTree(in).forEach(nodes::add);
            return nodes;
        }
    }

    static Incident incident(JsonNode node) {
        List<IncidentAlert> alerts = new ArrayList<>();
        for (JsonNode alert : node.get("alerts")) {
            alerts.add(Incidents.alert(
                    JSON.convertValue(
                            alert.get("labels"),
                            JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class)),
                    Map.of("summary", alert.get("summary").asText())));
        }
        List<String> services = new ArrayList<>();
        node.get("services").forEach(service -> services.add(service.asText()));
        return Incidents.incident(node.get("name").asText(), node.get("title").asText(), services, alerts);
    }

    static Optional<IncidentEvidence> evidence(Incident incident, JsonNode node) {
        List<String> items = new ArrayList<>();
        node.get("evidence").forEach(item -> items.add(item.asText()));
        return Incidents.evidence(incident, node.get("origin").asText(), items);
    }
}
