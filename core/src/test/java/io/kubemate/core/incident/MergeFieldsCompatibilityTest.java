package io.kubemate.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.topic.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records written before merge and split existed still read; new ones round-trip their new fields. */
class MergeFieldsCompatibilityTest {
    @Test
    void anActionWrittenBeforeMergeAndSplitReadsWithoutTheirFields() {
        String old = "{\"actionId\":\"a1\",\"incidentId\":\"inc-0000000000000001\",\"scopeKey\":\"cluster=x\","
                + "\"kind\":\"acknowledge\",\"actor\":\"ana\",\"note\":\"\",\"requestedAt\":\"2026-11-25T10:00:00Z\"}";

        IncidentAction action = new JsonSerde<>(IncidentAction.class)
                .deserialize("kubemate.actions", old.getBytes(StandardCharsets.UTF_8));

        assertThat(action.kind()).isEqualTo(ActionKind.ACKNOWLEDGE);
        assertThat(action.otherIncidentId()).isNull();
        assertThat(action.fingerprints()).isEmpty();
    }

    @Test
    void mergeAndSplitActionsRoundTripAndASplitNamesItsNewIncidentFromTheActionAlone() {
        JsonSerde<IncidentAction> serde = new JsonSerde<>(IncidentAction.class);
        IncidentAction merge = new IncidentAction(
                "a2",
                new IncidentId("inc-0000000000000001"),
                "cluster=x",
                ActionKind.MERGE,
                "ana",
                "",
                Instant.parse("2026-11-25T10:00:00Z"),
                new IncidentId("inc-0000000000000002"),
                null);
        IncidentAction split = new IncidentAction(
                "a3",
                new IncidentId("inc-0000000000000001"),
                "cluster=x",
                ActionKind.SPLIT,
                "ana",
                "",
                Instant.parse("2026-11-25T10:00:00Z"),
                null,
                List.of("f1", "f2"));

        assertThat(serde.deserialize("t", serde.serialize("t", merge))).isEqualTo(merge);
        assertThat(serde.deserialize("t", serde.serialize("t", split))).isEqualTo(split);
        assertThat(new String(serde.serialize("t", merge), StandardCharsets.UTF_8))
                .contains("\"kind\":\"merge\"")
                .contains("\"otherIncidentId\":\"inc-0000000000000002\"");
        assertThat(split.splitIncidentId())
                .isEqualTo(serde.deserialize("t", serde.serialize("t", split)).splitIncidentId());
        assertThat(split.splitIncidentId()).isNotEqualTo(split.incidentId());
    }

    @Test
    void aSnapshotWrittenBeforeMergesReadsAsNotMerged() {
        String old = "{\"id\":\"inc-0000000000000001\",\"version\":3,\"status\":\"resolved\",\"title\":\"t\","
                + "\"severity\":\"critical\",\"scope\":{},\"scopeKey\":\"cluster=x\",\"services\":[],\"alertCount\":0,"
                + "\"firingCount\":0,\"openedAt\":\"2026-11-25T10:00:00Z\",\"updatedAt\":\"2026-11-25T10:05:00Z\","
                + "\"resolvedAt\":\"2026-11-25T10:05:00Z\",\"alerts\":[],\"timeline\":[],\"timelineOmitted\":0}";

        Incident incident =
                new JsonSerde<>(Incident.class).deserialize("kubemate.incidents", old.getBytes(StandardCharsets.UTF_8));

        assertThat(incident.mergedInto()).isNull();
        assertThat(incident.isMerged()).isFalse();
        assertThat(incident.version()).isEqualTo(3);
    }

    @Test
    void theIndexForgetsAMemberThatMovedAway() {
        IncidentIndex index = new IncidentIndex();
        IncidentId id = new IncidentId("inc-0000000000000001");
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        index.upsert(new Incident(
                id, 1, IncidentStatus.OPEN, "t", Severity.NONE, null, "k", null, 2, 2, at, at, null, null, null, 0));
        for (String fp : List.of("f1", "f2")) {
            index.upsertMember(
                    id,
                    new IncidentAlert(
                            fp, io.kubemate.core.alert.AlertStatus.FIRING, null, null, at, null, null, 0, at));
        }

        index.removeMember(id, "f1");

        assertThat(index.find(id).orElseThrow().alerts())
                .extracting(IncidentAlert::fingerprint)
                .containsExactly("f2");
    }
}
