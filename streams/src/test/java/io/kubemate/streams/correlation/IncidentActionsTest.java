package io.kubemate.streams.correlation;

import static io.kubemate.streams.fixtures.AlertFixture.alert;
import static io.kubemate.streams.fixtures.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentActionsTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private Incident incident;

    @BeforeEach
    void openAnIncident() {
        harness = new TopologyHarness(CorrelationSettings.defaults(), stateDir);
        harness.receive(alert("KubePodCrashLooping").firing(T0));
        incident = harness.onlyIncident();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void acknowledgeMarksAnOpenIncidentAcknowledged() {
        // when
        harness.act(ActionKind.ACKNOWLEDGE, incident, "ana", "", at(1));

        // then
        Incident acked = harness.onlyIncident();
        assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(acked.version()).isEqualTo(2);
        assertThat(last(acked).kind()).isEqualTo(TimelineKind.ACKNOWLEDGED);
        assertThat(last(acked).actor()).isEqualTo("ana");
        assertThat(last(acked).at()).isEqualTo(at(1));
    }

    @Test
    void acknowledgedIncidentStillTakesNewAlerts() {
        // given
        harness.act(ActionKind.ACKNOWLEDGE, incident, "ana", "", at(1));

        // when
        harness.receive(alert("HighErrorRate").firing(at(2)));

        // then
        Incident acked = harness.onlyIncident();
        assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(acked.alertCount()).isEqualTo(2);
    }

    @Test
    void resolveResolvesWithTheActorAndNote() {
        // when
        harness.act(ActionKind.RESOLVE, incident, "ana", "rolled back deploy 42", at(3));

        // then
        Incident resolved = harness.onlyIncident();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(at(3));
        assertThat(last(resolved).kind()).isEqualTo(TimelineKind.RESOLVED);
        assertThat(last(resolved).actor()).isEqualTo("ana");
        assertThat(last(resolved).detail()).isEqualTo("rolled back deploy 42");
    }

    @Test
    void aResolutionNoteIsAddedInAnyStatusWithoutChangingIt() {
        // given
        harness.act(ActionKind.RESOLVE, incident, "ana", "", at(3));
        long version = harness.onlyIncident().version();

        // when
        harness.act(ActionKind.NOTE, incident, "bo", "pgbouncer pool raised to 200; backfill now batched", at(5));
        harness.act(ActionKind.NOTE, incident, "bo", "  ", at(6));

        // then
        Incident noted = harness.onlyIncident();
        assertThat(noted.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(noted.version()).isEqualTo(version + 1);
        assertThat(last(noted).kind()).isEqualTo(TimelineKind.RESOLUTION_NOTE);
        assertThat(last(noted).detail()).isEqualTo("pgbouncer pool raised to 200; backfill now batched");
    }

    @Test
    void commentsAndGroupingReportsGoOnTheTimelineWithoutChangingTheStatus() {
        // given
        harness.act(ActionKind.ACKNOWLEDGE, incident, "ana", "", at(1));
        long version = harness.onlyIncident().version();

        // when
        harness.act(ActionKind.COMMENT, incident, "bo", "looking at the db pool", at(2));
        harness.act(ActionKind.GROUPING_FEEDBACK, incident, "cy", "the disk alert is unrelated", at(3));

        // then
        Incident noted = harness.onlyIncident();
        assertThat(noted.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(noted.version()).isEqualTo(version + 2);
        var timeline = noted.timeline();
        assertThat(timeline.get(timeline.size() - 2).kind()).isEqualTo(TimelineKind.COMMENT);
        assertThat(last(noted).kind()).isEqualTo(TimelineKind.GROUPING_FEEDBACK);
        assertThat(last(noted).detail()).isEqualTo("the disk alert is unrelated");
    }

    @Test
    void reopenReopensAResolvedIncident() {
        // given
        harness.act(ActionKind.RESOLVE, incident, "ana", "", at(3));

        // when
        harness.act(ActionKind.REOPEN, incident, "bo", "still broken", at(4));

        // then
        Incident reopened = harness.onlyIncident();
        assertThat(reopened.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.version()).isEqualTo(3);
        assertThat(reopened.timeline())
                .extracting(TimelineEntry::kind)
                .containsExactly(TimelineKind.OPENED, TimelineKind.RESOLVED, TimelineKind.REOPENED);
    }

    @Test
    void repeatingAnActionThatChangesNothingKeepsTheVersion() {
        // given
        harness.act(ActionKind.ACKNOWLEDGE, incident, "ana", "", at(1));

        // when
        harness.act(ActionKind.ACKNOWLEDGE, incident, "ana", "", at(2));
        harness.act(ActionKind.REOPEN, incident, "ana", "", at(3));

        // then
        assertThat(harness.history(incident.id())).extracting(Incident::version).containsExactly(1L, 2L);
    }

    @Test
    void resolvingTwiceKeepsTheFirstResolution() {
        // given
        harness.act(ActionKind.RESOLVE, incident, "ana", "", at(1));

        // when
        harness.act(ActionKind.RESOLVE, incident, "bo", "", at(2));

        // then
        Incident resolved = harness.onlyIncident();
        assertThat(resolved.resolvedAt()).isEqualTo(at(1));
        assertThat(resolved.version()).isEqualTo(2);
    }

    @Test
    void actionOnAnUnknownIncidentIsDroppedAndProcessingContinues() {
        // given
        IncidentAction unknown = new IncidentAction(
                "x1",
                new IncidentId("inc-0000000000000000"),
                incident.scopeKey(),
                ActionKind.RESOLVE,
                "ana",
                "",
                at(1));

        // when
        harness.submit(unknown);
        harness.act(ActionKind.ACKNOWLEDGE, incident, "ana", "", at(2));

        // then
        assertThat(harness.incidents()).hasSize(1);
        assertThat(harness.onlyIncident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void resolvedByAPersonIncidentIsReopenedByAFlappingAlert() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        harness.receive(crash.resolved(at(1)));
        harness.act(ActionKind.RESOLVE, incident, "ana", "", at(2));

        // when
        harness.receive(crash.firing(at(4)));

        // then
        Incident reopened = harness.onlyIncident();
        assertThat(reopened.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(reopened.firingCount()).isEqualTo(1);
    }

    private static TimelineEntry last(Incident incident) {
        return incident.timeline().get(incident.timeline().size() - 1);
    }
}
