package io.kubemate.slack;

import static io.kubemate.slack.TestIncidents.T0;
import static io.kubemate.slack.TestIncidents.id;
import static io.kubemate.slack.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.slack.interact.ButtonActions;
import io.kubemate.slack.interact.ButtonClick;
import io.kubemate.slack.message.IncidentMessages;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each button becomes an action on the actions topic, or a summary rating, naming the Slack user. */
class ButtonActionsTest {
    private final TestIncidents views = new TestIncidents();
    private final List<IncidentAction> submitted = new CopyOnWriteArrayList<>();
    private final List<String> ratings = new CopyOnWriteArrayList<>();
    private final ButtonActions actions = new ButtonActions(
            views,
            submitted::add,
            (incidentId, summaryId, helpful) -> ratings.add(incidentId + " " + summaryId + " " + helpful),
            Optional.empty(),
            Clock.fixed(T0, ZoneOffset.UTC));

    private static ButtonClick click(String actionId, String value) {
        return new ButtonClick(actionId, value, "U0JANE01", "jane");
    }

    @Test
    void statusButtonsAndWrongGroupingGoThroughTheActionsTopicWithTheActor() {
        views.put(incident(7, 1, 2, "shop"));
        String inc = id(7).value();
        actions.apply(click(IncidentMessages.ACK, inc));
        actions.apply(click(IncidentMessages.RESOLVE, inc));
        actions.apply(click(IncidentMessages.WRONG_GROUPING, inc));

        assertThat(submitted)
                .extracting(IncidentAction::kind)
                .containsExactly(ActionKind.ACKNOWLEDGE, ActionKind.RESOLVE, ActionKind.GROUPING_FEEDBACK);
        assertThat(submitted).allSatisfy(a -> {
            assertThat(a.incidentId()).isEqualTo(id(7));
            assertThat(a.scopeKey()).isEqualTo("cluster=prod-eu-1");
            assertThat(a.actor()).isEqualTo("jane (slack:U0JANE01)");
        });
        assertThat(submitted.get(2).note()).isNotBlank(); // a grouping report without a note would be dropped
    }

    @Test
    void ratingButtonsRecordSummaryFeedbackAndNoteItOnTheTimeline() {
        views.put(incident(7, 1, 2, "shop"));
        String summaryId = id(7).value() + "#3";
        actions.apply(click(IncidentMessages.HELPFUL, summaryId));
        actions.apply(click(IncidentMessages.NOT_HELPFUL, summaryId));

        assertThat(ratings)
                .containsExactly(id(7).value() + " " + summaryId + " true", id(7).value() + " " + summaryId + " false");
        assertThat(submitted).extracting(IncidentAction::kind).containsOnly(ActionKind.COMMENT);
        assertThat(submitted)
                .extracting(IncidentAction::note)
                .containsExactly("rated the summary helpful", "rated the summary not helpful");
    }

    @Test
    void unknownIncidentsForgedValuesAndSilenceWithoutAlertmanagerDoNothing() {
        actions.apply(click(IncidentMessages.ACK, id(8).value()));
        actions.apply(click(IncidentMessages.ACK, "INC-1042"));
        actions.apply(click(IncidentMessages.HELPFUL, "garbage"));
        views.put(incident(7, 1, 2, "shop"));
        actions.apply(click(IncidentMessages.SILENCE, id(7).value()));
        actions.apply(click("something.else", id(7).value()));
        assertThat(submitted).isEmpty();
        assertThat(ratings).isEmpty();
    }
}
