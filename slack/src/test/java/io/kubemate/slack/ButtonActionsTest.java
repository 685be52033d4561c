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
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final ButtonActions actions = new ButtonActions(
            views,
            submitted::add,
            (incidentId, summaryId, helpful) -> ratings.add(incidentId + " " + summaryId + " " + helpful),
            Optional.empty(),
            Clock.fixed(T0, ZoneOffset.UTC),
            (click, text) -> notices.add(click.userId() + "@" + click.channelId() + " " + text));

    private static ButtonClick click(String actionId, String value) {
        return new ButtonClick(actionId, value, "U0JANE01", "jane", "C0INC");
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
        assertThat(notices)
                .as("each failed click of a Kubemate button is told to its user; a foreign button is not")
                .containsExactly(
                        "U0JANE01@C0INC :warning: *Acknowledge* on " + id(8).value() + " failed: no incident "
                                + id(8).value() + ". Try again, or use the incident page.",
                        "U0JANE01@C0INC :warning: *Acknowledge* on INC-1042 failed: not an incident id: INC-1042."
                                + " Try again, or use the incident page.",
                        "U0JANE01@C0INC :warning: *Helpful* on garbage failed: not a summary id: garbage."
                                + " Try again, or use the incident page.",
                        "U0JANE01@C0INC :warning: *Silence 1h* on " + id(7).value()
                                + " failed: Silence needs KUBEMATE_ALERTMANAGER_URL. Try again, or use the incident page.");
    }

    @Test
    void aFailureTellsTheUserWithoutInternalsAndWithHostileTextEscaped() {
        ButtonActions failing = new ButtonActions(
                views,
                action -> {
                    throw new RuntimeException("broker 10.0.0.3:9092 password=hunter2");
                },
                (incidentId, summaryId, helpful) -> {},
                Optional.empty(),
                Clock.fixed(T0, ZoneOffset.UTC),
                (click, text) -> notices.add(text));
        views.put(incident(7, 1, 2, "shop"));
        failing.apply(click(IncidentMessages.ACK, id(7).value()));
        actions.apply(click(IncidentMessages.ACK, "<!channel> & <http://evil|x>"));

        assertThat(notices.get(0))
                .contains("an internal error (it is in Kubemate's log)")
                .doesNotContain("hunter2")
                .doesNotContain("10.0.0.3");
        assertThat(notices.get(1))
                .contains("&lt;!channel&gt; &amp; &lt;http://evil|x&gt;")
                .doesNotContain("<!channel>")
                .doesNotContain("<http");
    }
}
