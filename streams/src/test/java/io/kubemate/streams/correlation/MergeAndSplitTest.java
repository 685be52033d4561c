package io.kubemate.streams.correlation;

import static io.kubemate.streams.fixtures.AlertFixture.alert;
import static io.kubemate.streams.fixtures.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.fixtures.AlertFixture;
import io.kubemate.streams.fixtures.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeAndSplitTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private int actions;

    private final AlertFixture crash = alert("KubePodCrashLooping");
    private final AlertFixture errors = alert("HighErrorRate");
    private final AlertFixture latency = alert("HighLatency");
    // another namespace (scope) of the same cluster (routing key), sharing no service: its own incident
    private final AlertFixture disk =
            alert("DiskFull").label("namespace", "storage").label("service", "minio");

    @BeforeEach
    void start() {
        harness = new TopologyHarness(CorrelationSettings.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private IncidentAction merge(Incident target, Incident other, Instant at) {
        IncidentAction action = new IncidentAction(
                "merge-" + (++actions),
                target.id(),
                target.scopeKey(),
                ActionKind.MERGE,
                "ana",
                "same outage",
                at,
                other.id(),
                List.of());
        harness.submit(action);
        return action;
    }

    private IncidentAction split(Incident incident, List<String> fingerprints, Instant at) {
        IncidentAction action = new IncidentAction(
                "split-" + (++actions),
                incident.id(),
                incident.scopeKey(),
                ActionKind.SPLIT,
                "bo",
                "",
                at,
                null,
                fingerprints);
        harness.submit(action);
        return action;
    }

    private Incident incidentOf(AlertFixture alert) {
        return harness.incidents().stream()
                .filter(i -> i.alerts().stream().anyMatch(a -> a.fingerprint().equals(alert.fingerprint())))
                .reduce((a, b) -> {
                    throw new AssertionError("alert in two incidents: " + a.id() + ", " + b.id());
                })
                .orElseThrow();
    }

    /** The crash alert's incident in namespace shop, the disk alert's in namespace storage, both of prod-eu-1. */
    private void twoIncidentsOfOneCluster() {
        harness.receive(crash.firing(T0));
        harness.receive(disk.firing(at(1)));
    }

    private static TimelineEntry last(Incident incident) {
        return incident.timeline().get(incident.timeline().size() - 1);
    }

    @Test
    void mergeMovesTheOtherIncidentsAlertsAndClosesItAsMergedIntoTheTarget() {
        // given
        twoIncidentsOfOneCluster();
        Incident target = incidentOf(crash);
        Incident other = incidentOf(disk);
        assertThat(target.id()).isNotEqualTo(other.id());

        // when
        merge(target, other, at(2));

        // then the target holds both alerts and says so
        Incident merged = harness.latest(target.id());
        assertThat(merged.alerts())
                .extracting(IncidentAlert::fingerprint)
                .containsExactlyInAnyOrder(crash.fingerprint(), disk.fingerprint());
        assertThat(merged.alertCount()).isEqualTo(2);
        assertThat(merged.firingCount()).isEqualTo(2);
        assertThat(merged.services()).contains("checkout", "minio");
        assertThat(merged.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(last(merged).kind()).isEqualTo(TimelineKind.MERGED);
        assertThat(last(merged).actor()).isEqualTo("ana");
        assertThat(last(merged).detail()).contains(other.id().value()).contains("same outage");
        // and the other is closed, empty, pointing at the target
        Incident closed = harness.latest(other.id());
        assertThat(closed.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(closed.resolvedAt()).isEqualTo(at(2));
        assertThat(closed.mergedInto()).isEqualTo(target.id());
        assertThat(closed.alertCount()).isZero();
        assertThat(closed.firingCount()).isZero();
        assertThat(closed.alerts()).isEmpty();
        assertThat(last(closed).kind()).isEqualTo(TimelineKind.MERGED_INTO);
        assertThat(last(closed).detail()).contains(target.id().value());
        assertThat(harness.memberRemovals()).containsExactly(other.id().memberKey(disk.fingerprint()));
    }

    @Test
    void theMergedAlertsLaterFiringsCorrelateToTheTarget() {
        // given
        twoIncidentsOfOneCluster();
        Incident target = incidentOf(crash);
        Incident other = incidentOf(disk);
        merge(target, other, at(2));
        long otherVersion = harness.latest(other.id()).version();

        // when the moved alert resolves, then fires again
        harness.receive(disk.resolved(at(3)));
        Incident afterResolve = harness.latest(target.id());
        harness.receive(disk.firing(at(4)));

        // then both land in the target; the merged incident does not move
        assertThat(afterResolve.firingCount()).isEqualTo(1);
        Incident now = harness.latest(target.id());
        assertThat(now.firingCount()).isEqualTo(2);
        assertThat(now.alerts())
                .filteredOn(a -> a.fingerprint().equals(disk.fingerprint()))
                .singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.FIRING));
        assertThat(harness.latest(other.id()).version()).isEqualTo(otherVersion);
        assertThat(harness.incidents()).hasSize(2);
    }

    @Test
    void aResolvedTargetTakingFiringAlertsOpensAgain() {
        // given
        twoIncidentsOfOneCluster();
        Incident target = incidentOf(crash);
        harness.act(ActionKind.RESOLVE, target, "ana", "", at(2));

        // when
        merge(target, incidentOf(disk), at(3));

        // then
        assertThat(harness.latest(target.id()).status()).isEqualTo(IncidentStatus.OPEN);
    }

    @Test
    void aMergeThatCannotApplyChangesNothing() {
        // given
        twoIncidentsOfOneCluster();
        Incident target = incidentOf(crash);
        Incident other = incidentOf(disk);
        merge(target, other, at(2));
        long targetVersion = harness.latest(target.id()).version();
        long otherVersion = harness.latest(other.id()).version();

        // when: the same merge again, a merge into itself, and a merge into the merged incident
        merge(target, other, at(3));
        merge(target, target, at(4));
        merge(harness.latest(other.id()), target, at(5));

        // then
        assertThat(harness.latest(target.id()).version()).isEqualTo(targetVersion);
        assertThat(harness.latest(other.id()).version()).isEqualTo(otherVersion);
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void incidentsOfDifferentRoutingKeysAreNotMerged() {
        // given an incident of another cluster
        AlertFixture elsewhere = alert("DiskFull").label("cluster", "prod-us-1");
        harness.receive(crash.firing(T0));
        harness.receive(elsewhere.firing(at(1)));
        Incident target = incidentOf(crash);
        Incident other = incidentOf(elsewhere);
        assertThat(other.scopeKey()).isNotEqualTo(target.scopeKey());

        // when
        merge(target, other, at(2));

        // then
        assertThat(harness.latest(target.id()).version()).isEqualTo(target.version());
        assertThat(harness.latest(other.id()).mergedInto()).isNull();
    }

    @Test
    void aMergedIncidentCannotBeReopened() {
        // given
        twoIncidentsOfOneCluster();
        Incident other = incidentOf(disk);
        merge(incidentOf(crash), other, at(2));
        long version = harness.latest(other.id()).version();

        // when
        harness.act(ActionKind.REOPEN, other, "cy", "", at(3));

        // then
        assertThat(harness.latest(other.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(harness.latest(other.id()).version()).isEqualTo(version);
    }

    @Test
    void splitMovesTheNamedAlertsToANewIncidentOfTheSameScope() {
        // given one incident of three alerts
        harness.receive(crash.firing(T0));
        harness.receive(errors.firing(at(1)));
        harness.receive(latency.firing(at(2)));
        Incident incident = harness.onlyIncident();
        assertThat(incident.alertCount()).isEqualTo(3);

        // when
        IncidentAction action = split(incident, List.of(errors.fingerprint(), latency.fingerprint()), at(3));

        // then a new incident holds the two alerts
        IncidentId newId = action.splitIncidentId();
        Incident created = harness.latest(newId);
        assertThat(created.alerts())
                .extracting(IncidentAlert::fingerprint)
                .containsExactlyInAnyOrder(errors.fingerprint(), latency.fingerprint());
        assertThat(created.alertCount()).isEqualTo(2);
        assertThat(created.firingCount()).isEqualTo(2);
        assertThat(created.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(created.scope()).isEqualTo(incident.scope());
        assertThat(created.scopeKey()).isEqualTo(incident.scopeKey());
        assertThat(created.openedAt()).isEqualTo(T0);
        assertThat(last(created).kind()).isEqualTo(TimelineKind.SPLIT_FROM);
        assertThat(last(created).detail()).contains(incident.id().value());
        // and the original keeps the rest
        Incident rest = harness.latest(incident.id());
        assertThat(rest.alerts()).extracting(IncidentAlert::fingerprint).containsExactly(crash.fingerprint());
        assertThat(rest.alertCount()).isEqualTo(1);
        assertThat(rest.firingCount()).isEqualTo(1);
        assertThat(last(rest).kind()).isEqualTo(TimelineKind.SPLIT);
        assertThat(last(rest).detail()).contains(newId.value()).contains("2 alerts");
        assertThat(harness.memberRemovals())
                .containsExactlyInAnyOrder(
                        incident.id().memberKey(errors.fingerprint()),
                        incident.id().memberKey(latency.fingerprint()));
    }

    @Test
    void theSplitAlertsLaterFiringsCorrelateToTheNewIncident() {
        // given
        harness.receive(crash.firing(T0));
        harness.receive(errors.firing(at(1)));
        Incident incident = harness.onlyIncident();
        IncidentId newId = split(incident, List.of(errors.fingerprint()), at(2)).splitIncidentId();
        long originalVersion = harness.latest(incident.id()).version();

        // when
        harness.receive(errors.resolved(at(3)));

        // then
        assertThat(harness.latest(newId).firingCount()).isZero();
        assertThat(harness.latest(incident.id()).version()).isEqualTo(originalVersion);
        assertThat(harness.latest(incident.id()).firingCount()).isEqualTo(1);
    }

    @Test
    void aSplitOfNoneOrAllOfTheAlertsOrRepeatedChangesNothing() {
        // given
        harness.receive(crash.firing(T0));
        harness.receive(errors.firing(at(1)));
        Incident incident = harness.onlyIncident();

        // when
        split(incident, List.of(crash.fingerprint(), errors.fingerprint()), at(2));
        split(incident, List.of("0000000000000000"), at(3));
        IncidentAction once = split(incident, List.of(errors.fingerprint()), at(4));
        long version = harness.latest(incident.id()).version();
        harness.submit(once);

        // then only the one valid split happened, once
        assertThat(harness.incidents()).hasSize(2);
        assertThat(harness.latest(incident.id()).version()).isEqualTo(version);
        assertThat(harness.latest(once.splitIncidentId()).alertCount()).isEqualTo(1);
    }
}
