package io.kubemate.streams.correlation;

import static io.kubemate.streams.fixtures.AlertFixture.alert;
import static io.kubemate.streams.fixtures.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
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

class CorrelationTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;

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

    @Test
    void opensAnIncidentForTheFirstFiringAlert() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping").label("severity", "critical");

        // when
        harness.receive(crash.firing(T0));

        // then
        Incident incident = harness.onlyIncident();
        String scopeKey = "cluster=prod-eu-1,namespace=shop";
        assertThat(incident.id()).isEqualTo(IncidentId.derive(scopeKey, crash.fingerprint(), T0.toEpochMilli()));
        assertThat(incident.version()).isEqualTo(1);
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.title()).isEqualTo("KubePodCrashLooping in prod-eu-1/shop");
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.scopeKey())
                .as("routing key: the partition_by labels")
                .isEqualTo("cluster=prod-eu-1");
        assertThat(incident.scope()).containsEntry("cluster", "prod-eu-1").containsEntry("namespace", "shop");
        assertThat(incident.services()).containsExactly("checkout");
        assertThat(incident.alertCount()).isEqualTo(1);
        assertThat(incident.firingCount()).isEqualTo(1);
        assertThat(incident.openedAt()).isEqualTo(T0);
        assertThat(incident.resolvedAt()).isNull();
        assertThat(incident.alerts()).singleElement().satisfies(member -> {
            assertThat(member.fingerprint()).isEqualTo(crash.fingerprint());
            assertThat(member.status()).isEqualTo(AlertStatus.FIRING);
        });
        assertThat(incident.timeline()).extracting(TimelineEntry::kind).containsExactly(TimelineKind.OPENED);
    }

    @Test
    void dropsRepeatFiringWithinWindow() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        harness.receive(crash.firing(T0));

        // when
        harness.receive(crash.firing(at(1)));
        harness.receive(crash.firing(at(2)));

        // then
        Incident incident = harness.onlyIncident();
        assertThat(harness.history(incident.id())).hasSize(1);
        assertThat(incident.version()).isEqualTo(1);
    }

    @Test
    void alertOfTheSameScopeWithinTheWindowJoinsTheIncident() {
        // given
        harness.receive(alert("KubePodCrashLooping").firing(T0));

        // when
        harness.receive(alert("HighErrorRate").firing(at(9)));

        // then
        Incident incident = harness.onlyIncident();
        assertThat(incident.alertCount()).isEqualTo(2);
        assertThat(incident.firingCount()).isEqualTo(2);
        assertThat(incident.timeline())
                .extracting(TimelineEntry::kind)
                .containsExactly(TimelineKind.OPENED, TimelineKind.ALERT_ADDED);
    }

    @Test
    void activityKeepsTheWindowOpen() {
        // given: activity at 0, 8 and 16 minutes, each within 10m of the previous one
        harness.receive(alert("A").firing(T0));
        harness.receive(alert("B").firing(at(8)));

        // when
        harness.receive(alert("C").firing(at(16)));

        // then
        assertThat(harness.onlyIncident().alertCount()).isEqualTo(3);
    }

    @Test
    void alertOfTheSameScopeAfterTheWindowOpensANewIncident() {
        // given
        harness.receive(alert("KubePodCrashLooping").firing(T0));

        // when
        harness.receive(alert("HighErrorRate").firing(at(11)));

        // then
        assertThat(harness.incidents())
                .extracting(Incident::title)
                .containsExactly("KubePodCrashLooping in prod-eu-1/shop", "HighErrorRate in prod-eu-1/shop");
    }

    @Test
    void alertsOfTwoScopesOpenTwoIncidents() {
        // when
        harness.receive(alert("KubePodCrashLooping").firing(T0));
        harness.receive(
                alert("KubePodCrashLooping").label("namespace", "payments").firing(at(1)));

        // then
        assertThat(harness.incidents())
                .extracting(incident -> incident.scope().get("namespace"))
                .containsExactly("shop", "payments");
    }

    @Test
    void resolvedAlertIsMarkedResolvedInItsIncident() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        harness.receive(crash.firing(T0));
        harness.receive(alert("HighErrorRate").firing(at(1)));

        // when
        harness.receive(crash.resolved(at(2)));

        // then
        Incident incident = harness.onlyIncident();
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.firingCount()).isEqualTo(1);
        IncidentAlert member = member(incident, crash.fingerprint());
        assertThat(member.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(member.endsAt()).isEqualTo(at(2));
        assertThat(last(incident).kind()).isEqualTo(TimelineKind.ALERT_RESOLVED);
    }

    @Test
    void resolvesTheIncidentOnlyWhenAllAlertsAreResolvedAndQuiet() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        AlertFixture errors = alert("HighErrorRate");
        harness.receive(crash.firing(T0));
        harness.receive(errors.firing(at(1)));
        harness.receive(crash.resolved(at(2)));

        // when: one alert still fires long after the other resolved
        harness.moveTo(at(12));

        // then
        assertThat(harness.onlyIncident().status()).isEqualTo(IncidentStatus.OPEN);

        // when: the last one resolves, and less than resolve_after passes
        harness.receive(errors.resolved(at(13)));
        harness.moveTo(at(17));

        // then
        assertThat(harness.onlyIncident().status()).isEqualTo(IncidentStatus.OPEN);

        // when: resolve_after of quiet has passed
        harness.moveTo(at(18).plusSeconds(1));

        // then
        Incident incident = harness.onlyIncident();
        assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incident.resolvedAt()).isEqualTo(at(18));
        assertThat(last(incident).actor()).isEqualTo("kubemate");
        assertThat(last(incident).detail()).isEqualTo("all alerts resolved and quiet for 5m");
    }

    @Test
    void refireWithinTheFlapWindowReopensTheResolvedIncident() {
        // given: resolved by the quiet rule at minute 6
        AlertFixture flappy = alert("HighLatency");
        harness.receive(flappy.firing(T0));
        harness.receive(flappy.resolved(at(1)));
        harness.moveTo(at(6).plusSeconds(1));
        Incident resolved = harness.onlyIncident();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);

        // when
        harness.receive(flappy.firing(at(9)));

        // then
        Incident incident = harness.onlyIncident();
        assertThat(incident.id()).isEqualTo(resolved.id());
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.resolvedAt()).isNull();
        assertThat(incident.firingCount()).isEqualTo(1);
        assertThat(incident.timeline())
                .extracting(TimelineEntry::kind)
                .endsWith(TimelineKind.REOPENED, TimelineKind.ALERT_REFIRED);
    }

    @Test
    void refireAfterTheFlapWindowOpensANewIncident() {
        // given
        AlertFixture flappy = alert("HighLatency");
        harness.receive(flappy.firing(T0));
        harness.receive(flappy.resolved(at(1)));
        harness.moveTo(at(6).plusSeconds(1));

        // when: 5m after the incident resolved at minute 6
        harness.receive(flappy.firing(at(12)));

        // then
        List<Incident> incidents = harness.incidents();
        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(0).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incidents.get(1).status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incidents.get(1).alerts())
                .extracting(IncidentAlert::fingerprint)
                .containsExactly(flappy.fingerprint());
    }

    @Test
    void forgetsResolvedIncidentsLocallyAfterTheFlapWindow() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        harness.receive(crash.firing(T0));
        harness.receive(crash.resolved(at(1)));
        harness.moveTo(at(6).plusSeconds(1));
        IncidentId id = harness.onlyIncident().id();

        // when
        harness.moveTo(at(12));

        // then
        assertThat(harness.<String, Object>store(IncidentStores.INCIDENTS).get(id.value()))
                .isNull();
        assertThat(harness.<String, Object>store(IncidentStores.ALERT_INCIDENT).get(crash.fingerprint()))
                .isNull();
        try (var members = harness.<String, Object>store(IncidentStores.MEMBERS).all()) {
            assertThat(members.hasNext()).isFalse();
        }
    }

    @Test
    void changedAlertUpdatesTheMember() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        harness.receive(crash.firing(T0));

        // when
        harness.receive(crash.annotation("summary", "restarted 12 times").firing(at(1)));

        // then
        Incident incident = harness.onlyIncident();
        assertThat(member(incident, crash.fingerprint()).annotations()).containsEntry("summary", "restarted 12 times");
        assertThat(last(incident).kind()).isEqualTo(TimelineKind.ALERT_CHANGED);
        assertThat(incident.version()).isEqualTo(2);
    }

    @Test
    void severityIsTheHighestServicesAreSortedAndTheTitleNamesTheMostFrequentAlert() {
        // when
        harness.receive(alert("HighErrorRate")
                .label("pod", "a")
                .label("service", "payments")
                .firing(T0));
        harness.receive(alert("HighErrorRate").label("pod", "b").firing(at(1)));
        harness.receive(alert("KubePodCrashLooping")
                .without("service")
                .label("app", "cart")
                .label("severity", "critical")
                .firing(at(2)));
        harness.receive(
                alert("DiskFull").without("service").label("severity", "info").firing(at(3)));

        // then
        Incident incident = harness.onlyIncident();
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.services()).containsExactly("cart", "checkout", "payments");
        assertThat(incident.title()).isEqualTo("HighErrorRate +2 more in prod-eu-1/shop");
        assertThat(incident.alerts()).extracting(IncidentAlert::fingerprint).isSorted();
    }

    @Test
    void versionsAreMonotonic() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");

        // when
        harness.receive(crash.firing(T0));
        harness.receive(alert("HighErrorRate").firing(at(1)));
        harness.receive(crash.resolved(at(2)));
        harness.receive(crash.firing(at(3)));

        // then
        Incident incident = harness.onlyIncident();
        assertThat(harness.history(incident.id())).extracting(Incident::version).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void publishesOnTheEmitIntervalOneSnapshotForSeveralChanges() {
        // given: two alerts arrive within one emit interval
        harness.receiveQuietly(alert("KubePodCrashLooping").firing(T0));
        harness.receiveQuietly(alert("HighErrorRate").firing(T0));
        assertThat(harness.incidents()).isEmpty();

        // when
        harness.advance(CorrelationSettings.defaults().emitInterval());

        // then
        Incident incident = harness.onlyIncident();
        assertThat(harness.history(incident.id())).hasSize(1);
        assertThat(incident.version()).isEqualTo(2);
        assertThat(incident.alertCount()).isEqualTo(2);
    }

    @Test
    void publishesOneMemberRecordPerChangedAlertAndSnapshotsWithoutMembers() {
        // given
        AlertFixture disk = alert("DiskFull");
        harness.receive(disk.firing(T0));
        harness.receive(alert("HighLoad").firing(T0.plusSeconds(1)));
        harness.receive(alert("Latency").firing(T0.plusSeconds(2)));
        assertThat(harness.memberRecords()).hasSize(3);

        // when
        harness.receive(disk.resolved(T0.plusSeconds(3)));

        // then: one more member record, not the whole incident again
        List<IncidentAlert> records = harness.memberRecords();
        assertThat(records).hasSize(4);
        assertThat(records.get(3).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(harness.onlyIncident().alertCount()).isEqualTo(3);
        assertThat(harness.onlyIncident().firingCount()).isEqualTo(2);
    }

    @Test
    void alertStormOfOneNameIsToldOnceWithACount() {
        // given
        harness.receive(alert("KubePodCrashLooping").label("pod", "p0").firing(T0));

        // when: four more pods of the same alert join within seconds
        for (int i = 1; i <= 4; i++) {
            harness.receive(alert("KubePodCrashLooping").label("pod", "p" + i).firing(T0.plusSeconds(i)));
        }

        // then
        Incident incident = harness.onlyIncident();
        assertThat(incident.alertCount()).isEqualTo(5);
        assertThat(incident.timeline())
                .extracting(TimelineEntry::kind, TimelineEntry::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TimelineKind.OPENED, 1),
                        org.assertj.core.groups.Tuple.tuple(TimelineKind.ALERT_ADDED, 4));
    }

    @Test
    void timelineStaysInEventTimeOrderWhenTransitionsArriveInterleaved() {
        // given: transitions of one scope come through several lifecycle partitions
        harness.receive(alert("DiskFull").firing(T0));
        harness.receive(alert("HighLoad").firing(T0.plusSeconds(60)));

        // when: an earlier event arrives last
        harness.receive(alert("Latency").firing(T0.plusSeconds(30)));

        // then
        assertThat(harness.onlyIncident().timeline())
                .extracting(TimelineEntry::at)
                .containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(60));
    }

    @Test
    void timelineKeepsTheFirstEntryAndCountsTheOmittedOnes() {
        // given
        harness.close();
        CorrelationSettings d = CorrelationSettings.defaults();
        harness = new TopologyHarness(
                new CorrelationSettings(
                        d.groupBy(),
                        d.window(),
                        d.resolveAfter(),
                        d.flapWindow(),
                        d.emitInterval(),
                        4,
                        d.serviceLabels(),
                        d.punctuateInterval()),
                stateDir.resolve("small-timeline"));
        AlertFixture flappy = alert("HighLatency");

        // when: opened, then 3 x (resolved, refired) = 7 entries
        harness.receive(flappy.firing(T0));
        for (int i = 1; i <= 3; i++) {
            harness.receive(flappy.resolved(T0.plusSeconds(60L * i)));
            harness.receive(flappy.firing(T0.plusSeconds(60L * i + 30)));
        }

        // then
        Incident incident = harness.onlyIncident();
        assertThat(incident.timeline()).hasSize(4);
        assertThat(incident.timeline().get(0).kind()).isEqualTo(TimelineKind.OPENED);
        assertThat(incident.timelineOmitted()).isEqualTo(3);
        assertThat(last(incident).kind()).isEqualTo(TimelineKind.ALERT_REFIRED);
        assertThat(last(incident).detail()).contains("flapping, 3 flaps");
    }

    private static IncidentAlert member(Incident incident, String fingerprint) {
        return incident.alerts().stream()
                .filter(alert -> alert.fingerprint().equals(fingerprint))
                .findFirst()
                .orElseThrow();
    }

    private static TimelineEntry last(Incident incident) {
        return incident.timeline().get(incident.timeline().size() - 1);
    }
}
