package io.kubemate.streams.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.streams.evidence.OriginRanker.AlertFact;
import io.kubemate.streams.evidence.OriginRanker.ChangeFact;
import io.kubemate.streams.evidence.OriginRanker.Facts;
import io.kubemate.streams.evidence.OriginRanker.TraceFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginRankerTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void withoutEvidenceTheEarliestAlertRanksFirst() {
        List<ProbableOrigin> ranked = OriginRanker.rank(new Facts(
                List.of(alert("checkout", 30), alert("payments", 0), alert("frontend", 60)), null, null, null));

        assertThat(ranked).extracting(ProbableOrigin::service).containsExactly("payments", "checkout", "frontend");
        assertThat(ranked.get(0).reasons()).singleElement().asString().startsWith("first to alert");
    }

    @Test
    void aCalleeSeveralAlertingCallersDependOnBeatsTheEarliestCaller() {
        // frontend -> cart -> redis; frontend alerted first, redis last
        List<ServiceEdge> edges = List.of(edge("frontend", "cart"), edge("cart", "redis"));

        List<ProbableOrigin> ranked = OriginRanker.rank(
                new Facts(List.of(alert("frontend", 0), alert("cart", 20), alert("redis", 40)), edges, null, null));

        assertThat(ranked.get(0).service()).isEqualTo("redis");
        assertThat(ranked.get(0).reasons())
                .anyMatch(reason -> reason.equals("depended on by 2 of 2 other alerting services (cart, frontend)"));
        assertThat(ranked).extracting(ProbableOrigin::service).startsWith("redis", "cart");
    }

    @Test
    void traceOriginsNameAServiceThatDidNotAlert() {
        TraceFacts traces = new TraceFacts(Map.of("postgres", 14, "checkout", 1), 15, "E3");

        List<ProbableOrigin> ranked =
                OriginRanker.rank(new Facts(List.of(alert("checkout", 0), alert("payments", 5)), null, traces, null));

        assertThat(ranked.get(0).service()).isEqualTo("postgres");
        assertThat(ranked.get(0).reasons()).containsExactly("origin of 14 of 15 erroring traces (E3)");
    }

    @Test
    void aDeployShortlyBeforeTheFirstAlertPointsAtTheChangedService() {
        List<ChangeFact> changes = List.of(
                new ChangeFact("payments", T0.minusSeconds(8 * 60), "deploy v2.3.1", "E5"),
                new ChangeFact("frontend", T0.minusSeconds(3 * 3600), "deploy v9", "E6"));

        List<ProbableOrigin> ranked = OriginRanker.rank(new Facts(
                List.of(alert("frontend", 0), alert("checkout", 10), alert("payments", 20)), null, null, changes));

        assertThat(ranked.get(0).service()).isEqualTo("payments");
        assertThat(ranked.get(0).reasons()).contains("deploy v2.3.1 8 min before its first alert (E5)");
        assertThat(ranked)
                .filteredOn(origin -> origin.service().equals("frontend"))
                .singleElement()
                .satisfies(origin -> assertThat(origin.reasons()).noneMatch(r -> r.contains("deploy v9")));
    }

    @Test
    void aChangeAfterTheFirstAlertDoesNotCount() {
        List<ProbableOrigin> ranked = OriginRanker.rank(new Facts(
                List.of(alert("frontend", 0), alert("payments", 20)),
                null,
                null,
                List.of(new ChangeFact("payments", T0.plusSeconds(60), "rollback", ""))));

        assertThat(ranked.get(0).service()).isEqualTo("frontend");
    }

    @Test
    void theNodeEvictedPodsShareRanksAboveThePods() {
        // the node alerted first; evicted pods of cart and search-api name it; frontend calls both
        List<AlertFact> alerts = List.of(
                new AlertFact("node-a", T0, List.of("node-a")),
                new AlertFact("cart", T0.plusSeconds(90), List.of("node-a")),
                new AlertFact("search-api", T0.plusSeconds(93), List.of("node-a")),
                alert("frontend", 200));
        List<ServiceEdge> edges = List.of(edge("frontend", "cart"), edge("frontend", "search-api"));

        List<ProbableOrigin> ranked = OriginRanker.rank(new Facts(alerts, edges, null, null));

        assertThat(ranked.get(0).service()).isEqualTo("node-a");
        assertThat(ranked.get(0).reasons()).contains("hosts 2 of 3 other alerting services (cart, search-api)");
    }

    @Test
    void traceOriginsInPodsOfAnAlertingNodeCountForTheNode() {
        // the evicted search-api pods end most erroring traces; their alerts name the node, which alerts itself
        List<AlertFact> alerts = List.of(
                new AlertFact("node-a", T0, List.of("node-a")),
                new AlertFact("cart", T0.plusSeconds(90), List.of("node-a")),
                new AlertFact("search-api", T0.plusSeconds(93), List.of("node-a")),
                alert("search-api", 95),
                alert("frontend", 200));
        List<ServiceEdge> edges = List.of(edge("frontend", "cart"), edge("frontend", "search-api"));
        TraceFacts traces = new TraceFacts(Map.of("search-api", 8, "cart", 1, "frontend", 1), 10, "E2");

        List<ProbableOrigin> ranked = OriginRanker.rank(new Facts(alerts, edges, traces, null));

        assertThat(ranked.get(0).service()).isEqualTo("node-a");
        assertThat(ranked.get(0).reasons())
                .contains("origin of 9 of 10 erroring traces, in services it hosts (cart, search-api) (E2)");
        assertThat(ranked)
                .filteredOn(origin -> origin.service().equals("search-api"))
                .allSatisfy(origin -> assertThat(origin.reasons()).noneMatch(r -> r.startsWith("origin of")));
    }

    @Test
    void aHostThatDoesNotAlertTakesNoTraceCredit() {
        // the pods name a node, but the node itself is quiet: the trace origin stays with the service
        List<AlertFact> alerts = List.of(new AlertFact("search-api", T0, List.of("node-a")), alert("frontend", 30));
        TraceFacts traces = new TraceFacts(Map.of("search-api", 5), 5, "");

        List<ProbableOrigin> ranked = OriginRanker.rank(new Facts(alerts, null, traces, null));

        assertThat(ranked.get(0).service()).isEqualTo("search-api");
        assertThat(ranked.get(0).reasons()).contains("origin of 5 of 5 erroring traces");
    }

    @Test
    void noServicesNoOrigin() {
        assertThat(OriginRanker.rank(new Facts(List.of(), null, null, null))).isEmpty();
    }

    private static AlertFact alert(String service, int seconds) {
        return new AlertFact(service, T0.plusSeconds(seconds));
    }

    private static ServiceEdge edge(String caller, String callee) {
        return new ServiceEdge(caller, callee, T0, T0, 10, 0, 1, 0, 10, T0);
    }
}
