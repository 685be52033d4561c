package io.kubemate.streams.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.telemetry.ChangeEvent;
import io.kubemate.streams.evidence.PullEvidenceSource.PulledEvidence;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EvidenceAssemblerTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final IncidentId ID = IncidentId.derive("cluster=c", "a1", 0);

    private final IncidentIndex incidents = new IncidentIndex();
    private final ChangeBuffer changes = ChangeBuffer.defaults();
    private final List<IncidentEvidence> published = new ArrayList<>();
    private final List<EvidenceItem> logItems = new ArrayList<>();
    private final List<ServiceEdge> edges = new ArrayList<>();
    private TraceEvidence traceEvidence = TraceEvidence.NONE;
    private final List<Set<String>> askedClusters = new ArrayList<>();
    private final Clock clock = Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC);
    private PullEvidenceSource pull = PullEvidenceSource.NONE;

    private EvidenceAssembler assembler() {
        return new EvidenceAssembler(
                incidents,
                id -> Optional.empty(),
                (service, clusters, from, to, baselineFrom, max) -> {
                    askedClusters.add(clusters);
                    return logItems.stream()
                            .filter(item -> item.service().equals(service))
                            .limit(max)
                            .toList();
                },
                (services, clusters, from, to) -> {
                    askedClusters.add(clusters);
                    return traceEvidence;
                },
                changes,
                () -> edges,
                pull,
                published::add,
                clock,
                EvidenceSettings.defaults(List.of("service"), List.of("node")));
    }

    @Test
    void assemblesItemsWithIdsAndAnOrigin() {
        // given checkout and payments alert; payments was deployed 8 minutes earlier; traces end in payments
        incident(1, alert("a1", "checkout", T0), alert("a2", "payments", T0.plusSeconds(20)));
        changes.add(new ChangeEvent(
                "c1", "payments", "v2.3.1", "deploy", T0.minusSeconds(480), "https://ci/run/7", "alice", "tekton", ""));
        logItems.add(logItem("checkout", "T1"));
        traceEvidence = new TraceEvidence(
                List.of(), List.of(pathItem("checkout>payments")), Map.of("payments", 9, "checkout", 1), 10);

        // when
        assembler().runPass();

        // then
        IncidentEvidence evidence = single();
        assertThat(evidence.items())
                .extracting(EvidenceItem::id, EvidenceItem::kind)
                .containsExactly(
                        tuple("E1", EvidenceKind.LOG_TEMPLATE),
                        tuple("E2", EvidenceKind.TRACE_PATH),
                        tuple("E3", EvidenceKind.CHANGE));
        assertThat(evidence.items().get(2).title()).startsWith("deploy of payments v2.3.1 by alice");
        ProbableOrigin top = evidence.probableOrigin().get(0);
        assertThat(top.service()).isEqualTo("payments");
        assertThat(top.reasons())
                .contains(
                        "origin of 9 of 10 erroring traces (E2)",
                        "deploy of payments v2.3.1 8 min before its first alert (E3)");
    }

    @Test
    void logsAndTracesAreAskedForTheClustersTheAlertsName() {
        // given an incident whose alerts name two clusters, and one that names none
        incident(
                1,
                alert("a1", "checkout", T0, Map.of("cluster", "eu-west-1-prod")),
                alert("a2", "payments", T0, Map.of("k8s_cluster_name", "eu-west-2-prod")),
                alert("a3", "frontend", T0));

        // when
        assembler().runPass();

        // then every query was limited to those clusters
        assertThat(askedClusters).isNotEmpty().allSatisfy(clusters -> assertThat(clusters)
                .containsExactlyInAnyOrder("eu-west-1-prod", "eu-west-2-prod"));
    }

    @Test
    void aChangeInAnotherClusterIsNoEvidence() {
        incident(1, alert("a1", "payments", T0, Map.of("cluster", "eu-west-1-prod")));
        changes.add(new ChangeEvent(
                "c-eu", "payments", "v2", "deploy", T0.minusSeconds(300), "", "", "argo", "", "eu-west-1-prod"));
        changes.add(new ChangeEvent(
                "c-us", "payments", "v3", "deploy", T0.minusSeconds(200), "", "", "argo", "", "us-east-1-prod"));
        changes.add(new ChangeEvent("c-any", "payments", "v4", "deploy", T0.minusSeconds(100), "", "", "ci", ""));

        assembler().runPass();

        assertThat(single().items())
                .filteredOn(item -> item.kind() == EvidenceKind.CHANGE)
                .extracting(item -> item.attributes().get("version"))
                .containsExactly("v2", "v4");
    }

    @Test
    void republishesOnlyWhenSomethingChangedAndKeepsIds() {
        // given
        incident(1, alert("a1", "checkout", T0));
        logItems.add(logItem("checkout", "T1"));
        EvidenceAssembler assembler = assembler();
        assembler.runPass();

        // when the incident changes but its evidence does not
        incident(2, alert("a1", "checkout", T0));
        assembler.runPass();

        // then nothing new was published
        assertThat(published).hasSize(1);

        // when a new template appears before the old one
        logItems.add(0, logItem("checkout", "T9"));
        incident(3, alert("a1", "checkout", T0));
        assembler.runPass();

        // then the old item kept E1 and the new one got E2
        assertThat(published).hasSize(2);
        assertThat(published.get(1).version()).isEqualTo(2);
        assertThat(published.get(1).items())
                .extracting(EvidenceItem::id, EvidenceItem::key)
                .containsExactly(tuple("E1", "log-template/checkout/T1"), tuple("E2", "log-template/checkout/T9"));
    }

    @Test
    void pulledEvidenceArrivesLaterAndIsMergedWithoutBlocking() {
        // given a pull that completes only when we say so
        CompletableFuture<PulledEvidence> pending = new CompletableFuture<>();
        AtomicInteger pulls = new AtomicInteger();
        pull = (incidentId, services, from, to, urls) -> {
            pulls.incrementAndGet();
            return pending;
        };
        incident(1, alert("a1", "checkout", T0));
        EvidenceAssembler assembler = assembler();

        // when
        assembler.runPass();
        pending.complete(new PulledEvidence(
                List.of(new EvidenceItem(
                        "",
                        "metric/rate",
                        EvidenceKind.METRIC,
                        "prometheus",
                        "checkout",
                        T0,
                        T0,
                        "rate(http_errors[5m])",
                        List.of(),
                        Map.of())),
                null,
                Map.of("prometheus", "ok")));
        assembler.runPass();

        // then the first pass published only the origin, the second added the metric; one pull for one service
        assertThat(pulls).hasValue(1);
        assertThat(published).hasSize(2);
        assertThat(published.get(0).items()).isEmpty();
        assertThat(published.get(0).probableOrigin())
                .extracting(ProbableOrigin::service)
                .containsExactly("checkout");
        assertThat(published.get(1).items()).extracting(EvidenceItem::kind).containsExactly(EvidenceKind.METRIC);
    }

    private IncidentEvidence single() {
        assertThat(published).hasSize(1);
        return published.get(0);
    }

    private void incident(long version, IncidentAlert... alerts) {
        List<String> services = Arrays.stream(alerts)
                .map(a -> a.labels().get("service"))
                .distinct()
                .sorted()
                .toList();
        Incident incident = new Incident(
                ID,
                version,
                IncidentStatus.OPEN,
                "t",
                Severity.WARNING,
                Map.of("cluster", "c"),
                "cluster=c",
                services,
                alerts.length,
                alerts.length,
                T0,
                T0.plusSeconds(version),
                null,
                List.of(),
                List.of(),
                0);
        incidents.upsert(incident);
        for (IncidentAlert alert : alerts) {
            incidents.upsertMember(ID, alert);
        }
    }

    private static IncidentAlert alert(String fingerprint, String service, Instant startsAt) {
        return alert(fingerprint, service, startsAt, Map.of());
    }

    private static IncidentAlert alert(
            String fingerprint, String service, Instant startsAt, Map<String, String> extraLabels) {
        Map<String, String> labels = new HashMap<>(extraLabels);
        labels.put("alertname", "X");
        labels.put("service", service);
        return new IncidentAlert(fingerprint, AlertStatus.FIRING, labels, Map.of(), startsAt, null, "", 0, startsAt);
    }

    private static EvidenceItem logItem(String service, String template) {
        return new EvidenceItem(
                "",
                "log-template/" + service + "/" + template,
                EvidenceKind.LOG_TEMPLATE,
                "loki",
                service,
                T0,
                T0,
                "template " + template,
                List.of(),
                Map.of());
    }

    private static EvidenceItem pathItem(String path) {
        return new EvidenceItem(
                "", "trace-path/" + path, EvidenceKind.TRACE_PATH, "otlp", "", T0, T0, path, List.of(), Map.of());
    }
}
