package io.kubemate.slack.interact;

import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.SummaryFeedback;
import io.kubemate.slack.message.IncidentMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each button does. Status changes and notes go through the actions topic like the API's ({@link
 * IncidentSink}); Silence 1h creates Alertmanager silences and notes it on the timeline; the rating buttons record
 * summary feedback like {@code POST /api/v1/incidents/{id}/summary/feedback} and note it on the timeline. Every
 * action names the Slack user, so the next message update shows who did what.
 */
public final class ButtonActions {
    private static final Logger LOG = LoggerFactory.getLogger(ButtonActions.class);
    static final Duration SILENCE_FOR = Duration.ofHours(1);

    private final IncidentView view;
    private final IncidentSink sink;
    private final SummaryFeedback feedback;
    private final Optional<AlertmanagerSilences> silences;
    private final Clock clock;

    public ButtonActions(
            IncidentView view,
            IncidentSink sink,
            SummaryFeedback feedback,
            Optional<AlertmanagerSilences> silences,
            Clock clock) {
        this.view = view;
        this.sink = sink;
        this.feedback = feedback;
        this.silences = silences;
        this.clock = clock;
    }

    /** Applies {@code click}; failures are logged (the click was already answered). */
    public void apply(ButtonClick click) {
        try {
            switch (click.actionId()) {
                case IncidentMessages.ACK -> submit(click, incident(click.value()), ActionKind.ACKNOWLEDGE, "");
                case IncidentMessages.RESOLVE -> submit(click, incident(click.value()), ActionKind.RESOLVE, "");
                case IncidentMessages.WRONG_GROUPING -> submit(
                        click,
                        incident(click.value()),
                        ActionKind.GROUPING_FEEDBACK,
                        "wrong grouping, reported from Slack");
                case IncidentMessages.SILENCE -> silence(click);
                case IncidentMessages.HELPFUL -> rate(click, true);
                case IncidentMessages.NOT_HELPFUL -> rate(click, false);
                default -> LOG.info("Slack button {} ignored: not one of Kubemate's", click.actionId());
            }
        } catch (RuntimeException e) {
            // PLACEHOLDER: the clicking user is not told that the action failed (Slack's response_url or
            // chat.postEphemeral would do it); only this log line says so
            LOG.warn(
                    "Slack button {} on {} by {} failed: {}",
                    click.actionId(),
                    click.value(),
                    click.userId(),
                    e.toString());
        }
    }

    private void silence(ButtonClick click) {
        Incident incident = incident(click.value());
        AlertmanagerSilences am =
                silences.orElseThrow(() -> new IllegalStateException("Silence needs KUBEMATE_ALERTMANAGER_URL"));
        List<String> ids = am.silence(incident, SILENCE_FOR, click.actor());
        submit(
                click,
                incident,
                ActionKind.COMMENT,
                "silenced for 1h in Alertmanager (" + ids.size() + " silence" + (ids.size() == 1 ? "" : "s") + ": "
                        + String.join(", ", ids) + ")");
    }

    private void rate(ButtonClick click, boolean helpful) {
        String summaryId = click.value();
        int hash = summaryId.indexOf('#');
        if (hash < 0 || !IncidentId.isValid(summaryId.substring(0, hash))) {
            throw new IllegalArgumentException("not a summary id: " + summaryId);
        }
        String incidentId = summaryId.substring(0, hash);
        Incident incident = incident(incidentId);
        feedback.feedback(incidentId, summaryId, helpful);
        submit(click, incident, ActionKind.COMMENT, "rated the summary " + (helpful ? "helpful" : "not helpful"));
    }

    private Incident incident(String id) {
        if (!IncidentId.isValid(id)) {
            throw new IllegalArgumentException("not an incident id: " + id);
        }
        return view.find(new IncidentId(id)).orElseThrow(() -> new IllegalArgumentException("no incident " + id));
    }

    private void submit(ButtonClick click, Incident incident, ActionKind kind, String note) {
        sink.submit(new IncidentAction(
                UUID.randomUUID().toString(),
                incident.id(),
                incident.scopeKey(),
                kind,
                click.actor(),
                note,
                clock.instant()));
    }
}
