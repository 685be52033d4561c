package io.kubemate.slack.interact;

import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.SummaryFeedback;
import io.kubemate.slack.message.IncidentMessages;
import io.kubemate.slack.message.Mrkdwn;
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
 * action names the Slack user, so the next message update shows who did what. A click that fails is told to the user
 * who clicked, and only to them (the click itself was answered 200 at once, as Slack requires).
 */
public final class ButtonActions {
    private static final Logger LOG = LoggerFactory.getLogger(ButtonActions.class);
    static final Duration SILENCE_FOR = Duration.ofHours(1);

    private final IncidentView view;
    private final IncidentSink sink;
    private final SummaryFeedback feedback;
    private final Optional<AlertmanagerSilences> silences;
    private final Clock clock;
    private final Notice notice;

    /** Where a failed click is reported to the person who clicked. */
    @FunctionalInterface
    public interface Notice {
        /** Shows {@code text} (mrkdwn, escaped) to {@code click}'s user only; must not throw. */
        void tell(ButtonClick click, String text);
    }

    public ButtonActions(
            IncidentView view,
            IncidentSink sink,
            SummaryFeedback feedback,
            Optional<AlertmanagerSilences> silences,
            Clock clock,
            Notice notice) {
        this.view = view;
        this.sink = sink;
        this.feedback = feedback;
        this.silences = silences;
        this.clock = clock;
        this.notice = notice;
    }

    /** Applies {@code click}; a failure is logged and told to the user who clicked (the click was answered). */
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
            LOG.warn(
                    "Slack button {} on {} by {} failed: {}",
                    click.actionId(),
                    click.value(),
                    click.userId(),
                    e.toString());
            notice.tell(click, failure(click, e));
        }
    }

    /** What the user reads: the button, the incident, and why, when the reason is ours to tell. */
    private static String failure(ButtonClick click, RuntimeException e) {
        String button =
                switch (click.actionId()) {
                    case IncidentMessages.ACK -> "Acknowledge";
                    case IncidentMessages.RESOLVE -> "Resolve";
                    case IncidentMessages.SILENCE -> "Silence 1h";
                    case IncidentMessages.HELPFUL -> "Helpful";
                    case IncidentMessages.NOT_HELPFUL -> "Not helpful";
                    case IncidentMessages.WRONG_GROUPING -> "Wrong grouping";
                    default -> "that button";
                };
        // our own messages (unknown incident, no Alertmanager configured, Alertmanager unreachable) help the user;
        // anything else may carry internals, so it stays in the log
        String why = e instanceof IllegalArgumentException
                        || e instanceof IllegalStateException
                        || e instanceof UnavailableException
                ? String.valueOf(e.getMessage())
                : "an internal error (it is in Kubemate's log)";
        return ":warning: *" + button + "* on " + Mrkdwn.escape(Mrkdwn.cut(click.value(), 80)) + " failed: "
                + Mrkdwn.escape(Mrkdwn.cut(why, 300)) + ". Try again, or use the incident page.";
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
