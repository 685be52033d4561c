package io.kubemate.slack.message;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.rca.IncidentSummary;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an incident as its Slack message (Block Kit), and its evidence and summary as thread replies. The rendering
 * shows only material facts (status, severity, alert counts, origin, summary, the last person's action), never a
 * changing timestamp, so an unchanged incident renders the same and is not updated.
 */
public final class IncidentMessages {
    public static final String ACK = "incident.ack";
    public static final String RESOLVE = "incident.resolve";
    public static final String SILENCE = "incident.silence";
    public static final String HELPFUL = "summary.helpful";
    public static final String NOT_HELPFUL = "summary.not_helpful";
    public static final String WRONG_GROUPING = "incident.wrong_grouping";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern SLACK_ACTOR = Pattern.compile(".*\\(slack:([UW][A-Z0-9]{1,20})\\)");
    private static final int MAX_SECTION = 2_900;

    private final Mrkdwn mrkdwn;
    private final Links links;
    private final boolean canSilence;

    public IncidentMessages(Mrkdwn mrkdwn, Links links, boolean canSilence) {
        this.mrkdwn = mrkdwn;
        this.links = links;
        this.canSilence = canSilence;
    }

    /** The incident's message. */
    public SlackMessage message(
            Incident incident, Optional<IncidentEvidence> evidence, Optional<IncidentSummary> summary) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = mrkdwn.plain(incident.title(), 120);
        blocks.add(header(h -> h.text(plainText(pt -> pt.emoji(true)
                .text(Mrkdwn.cut(
                        emoji(incident) + " " + title + " ("
                                + incident.severity().wireName() + ")",
                        150))))));
        blocks.add(section(s -> s.text(markdownText(overview(incident))).fields(fields(incident))));
        evidence.flatMap(e -> e.probableOrigin().stream().findFirst())
                .ifPresent(origin -> blocks.add(section(s -> s.text(markdownText(origin(origin))))));
        summary.ifPresent(sum -> {
            blocks.add(section(s -> s.text(markdownText(summaryText(sum)))));
            if (!sum.similar().isEmpty()) {
                blocks.add(section(s -> s.text(markdownText(similar(sum)))));
            }
        });
        lastAction(incident).ifPresent(line -> blocks.add(context(c -> c.elements(List.of(markdownText(line))))));
        String linkLine = links.line(incident);
        if (!linkLine.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(linkLine)))));
        }
        blocks.add(actions(a -> a.blockId("actions-" + incident.id().value()).elements(buttons(incident, summary))));
        // the notification text is mrkdwn too: escaped, so an alert title cannot mention @channel
        String text = incident.id().value() + " " + Mrkdwn.escape(title) + " ("
                + incident.severity().wireName() + ", " + incident.status().wireName() + ") - " + incident.alertCount()
                + " alerts";
        return new SlackMessage(text, blocks);
    }

    /** A thread reply with {@code items} (the evidence not posted before). */
    public SlackMessage evidenceReply(Incident incident, List<EvidenceItem> items) {
        StringBuilder text = new StringBuilder("*Evidence*");
        for (EvidenceItem item : items) {
            StringBuilder one = new StringBuilder("\n• *")
                    .append(mrkdwn.text(item.id()))
                    .append("* [")
                    .append(item.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append(item.service().isEmpty() ? "" : ", " + mrkdwn.text(item.service()))
                    .append("] ")
                    .append(mrkdwn.text(item.title()));
            if (!item.lines().isEmpty()) {
                one.append("\n```");
                item.lines().stream().limit(3).forEach(l -> one.append(mrkdwn.text(Mrkdwn.cut(l, 300)))
                        .append('\n'));
                one.append("```");
            }
            if (text.length() + one.length() > MAX_SECTION) {
                text.append("\n_… more on the page_");
                break;
            }
            text.append(one);
        }
        String body = text.toString();
        return new SlackMessage(
                incident.id().value() + ": " + items.size() + " evidence item(s)",
                List.of(section(s -> s.text(markdownText(body)))));
    }

    /** A thread reply with the whole summary. */
    public SlackMessage summaryReply(Incident incident, IncidentSummary summary) {
        StringBuilder text = new StringBuilder(summaryText(summary));
        if (!summary.nextSteps().isEmpty()) {
            text.append("\n*Next steps:*");
            summary.nextSteps().stream().limit(5).forEach(step -> text.append("\n• ")
                    .append(mrkdwn.text(step)));
        }
        if (!summary.runbooks().isEmpty()) {
            text.append("\n*Runbooks:*");
            summary.runbooks().stream().limit(3).forEach(r -> text.append("\n• ")
                    .append(mrkdwn.text(r.citation() + " " + r.id())));
        }
        String body = Mrkdwn.cut(text.toString(), MAX_SECTION);
        return new SlackMessage(
                incident.id().value() + " summary: " + Mrkdwn.escape(mrkdwn.plain(summary.text(), 200)),
                List.of(section(s -> s.text(markdownText(body)))));
    }

    private String overview(Incident incident) {
        StringBuilder text = new StringBuilder()
                .append('*')
                .append(incident.alertCount())
                .append(incident.alertCount() == 1 ? " alert*" : " alerts*")
                .append(" (")
                .append(incident.firingCount())
                .append(" firing) since ")
                .append(TIME.format(incident.openedAt()))
                .append(" in `")
                .append(mrkdwn.text(scope(incident.scope())))
                .append('`');
        if (incident.status() == IncidentStatus.RESOLVED && incident.resolvedAt() != null) {
            text.append(". Resolved at ").append(TIME.format(incident.resolvedAt()));
        }
        return text.append('.').toString();
    }

    private List<TextObject> fields(Incident incident) {
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Status:*\n" + incident.status().wireName()));
        fields.add(markdownText("*Severity:*\n" + incident.severity().wireName()));
        if (!incident.services().isEmpty()) {
            fields.add(markdownText(
                    "*Services:*\n" + mrkdwn.text(Mrkdwn.cut(String.join(", ", incident.services()), 500))));
        }
        String names = alertNames(incident.alerts());
        if (!names.isEmpty()) {
            fields.add(markdownText("*Alerts:*\n" + mrkdwn.text(Mrkdwn.cut(names, 500))));
        }
        return fields;
    }

    private String origin(ProbableOrigin origin) {
        String reasons = String.join("; ", origin.reasons().stream().limit(3).toList());
        return "*Probable origin:* " + mrkdwn.text(origin.service())
                + (reasons.isEmpty() ? "" : " — " + mrkdwn.text(Mrkdwn.cut(reasons, 600)));
    }

    private String summaryText(IncidentSummary summary) {
        StringBuilder text = new StringBuilder("*Summary* (")
                .append(mrkdwn.text(summary.kind()))
                .append(", confidence ")
                .append(Math.round(summary.confidence() * 100))
                .append("%): ")
                .append(mrkdwn.text(Mrkdwn.cut(summary.text(), 1_500)));
        if (summary.probableRootCause() != null) {
            text.append("\n*Root cause:* ")
                    .append(mrkdwn.text(summary.probableRootCause().service()))
                    .append(" — ")
                    .append(mrkdwn.text(Mrkdwn.cut(summary.probableRootCause().reason(), 500)));
        }
        if (!summary.citations().isEmpty()) {
            text.append("\n_Cites: ")
                    .append(mrkdwn.text(String.join(", ", summary.citations())))
                    .append('_');
        }
        return text.toString();
    }

    private String similar(IncidentSummary summary) {
        StringBuilder text = new StringBuilder("*Similar incidents*");
        if (summary.noCloseMatch()) {
            text.append(" (no close match)");
        }
        for (IncidentSummary.Similar s :
                summary.similar().subList(0, Math.min(3, summary.similar().size()))) {
            String id = s.incidentId();
            text.append("\n• ")
                    .append(links.publicUrl().isBlank() ? mrkdwn.text(id) : Mrkdwn.link(links.page(id), id))
                    .append(String.format(java.util.Locale.ROOT, " (%.2f): ", s.score()))
                    .append(mrkdwn.text(Mrkdwn.cut(s.resolution() == null ? "" : s.resolution(), 400)));
        }
        return text.toString();
    }

    /** Who did what last, e.g. ":white_check_mark: Acknowledged by <@U1> at 16:47 UTC". */
    private Optional<String> lastAction(Incident incident) {
        for (int i = incident.timeline().size() - 1; i >= 0; i--) {
            TimelineEntry entry = incident.timeline().get(i);
            if (entry.actor() != null && !entry.actor().isBlank()) {
                String what =
                        switch (entry.kind()) {
                            case ACKNOWLEDGED -> ":eyes: Acknowledged";
                            case RESOLVED -> ":white_check_mark: Resolved";
                            case REOPENED -> ":repeat: Reopened";
                            case RESOLUTION_NOTE -> ":memo: Resolution note";
                            case GROUPING_FEEDBACK -> ":jigsaw: Wrong grouping reported";
                            default -> ":speech_balloon: " + mrkdwn.text(Mrkdwn.cut(entry.detail(), 200)) + " —";
                        };
                return Optional.of(what + " by " + actor(entry.actor()) + " at " + TIME.format(entry.at()));
            }
        }
        return Optional.empty();
    }

    private String actor(String actor) {
        Matcher slack = SLACK_ACTOR.matcher(actor);
        return slack.matches() ? "<@" + slack.group(1) + ">" : mrkdwn.text(Mrkdwn.cut(actor, 100));
    }

    private List<BlockElement> buttons(Incident incident, Optional<IncidentSummary> summary) {
        String id = incident.id().value();
        List<BlockElement> buttons = new ArrayList<>();
        if (incident.status() == IncidentStatus.OPEN) {
            buttons.add(button(ACK, "Acknowledge", id, "primary", null));
        }
        if (incident.status().isActive()) {
            buttons.add(button(RESOLVE, "Resolve", id, "danger", confirm("Resolve " + id + "?")));
            if (canSilence) {
                buttons.add(button(SILENCE, "Silence 1h", id, null, null));
            }
        }
        summary.ifPresent(s -> {
            buttons.add(button(HELPFUL, "Helpful", s.summaryId(), null, null));
            buttons.add(button(NOT_HELPFUL, "Not helpful", s.summaryId(), null, null));
        });
        buttons.add(button(WRONG_GROUPING, "Wrong grouping", id, null, null));
        return buttons;
    }

    private static ButtonElement button(
            String actionId, String label, String value, String style, ConfirmationDialogObject confirm) {
        return ButtonElement.builder()
                .actionId(actionId)
                .text(plainText(label))
                .value(value)
                .style(style)
                .confirm(confirm)
                .build();
    }

    private static ConfirmationDialogObject confirm(String title) {
        return ConfirmationDialogObject.builder()
                .title(plainText(Mrkdwn.cut(title, 100)))
                .text(markdownText("Alerts still firing will reopen it."))
                .confirm(plainText("Resolve"))
                .deny(plainText("Cancel"))
                .build();
    }

    private static String emoji(Incident incident) {
        if (incident.status() == IncidentStatus.RESOLVED) {
            return ":white_check_mark:";
        }
        return switch (incident.severity()) {
            case CRITICAL -> ":rotating_light:";
            case ERROR -> ":red_circle:";
            case WARNING -> ":warning:";
            case INFO -> ":information_source:";
            case NONE -> ":grey_question:";
        };
    }

    private static String scope(Map<String, String> scope) {
        String text = String.join(
                "/", scope.values().stream().filter(v -> !v.isEmpty()).toList());
        return text.isEmpty() ? "(no scope)" : text;
    }

    /** {@code KubePodCrashLooping x3, HighErrorRate}: alert names with counts, most frequent first. */
    static String alertNames(Collection<IncidentAlert> alerts) {
        Map<String, Integer> counts = new TreeMap<>();
        for (IncidentAlert alert : alerts) {
            counts.merge(alert.labels().getOrDefault("alertname", "?"), 1, Integer::sum);
        }
        return String.join(
                ", ",
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(8)
                        .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " x" + e.getValue())
                        .toList());
    }
}
