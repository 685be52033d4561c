package io.kubemate.slack.interact;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.slack.message.Links;
import io.kubemate.slack.message.Mrkdwn;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /kubemate list} and {@code /kubemate show ID}: ephemeral text answers from the incident view. */
public final class SlashCommand {
    private static final int LIST_LIMIT = 15;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final IncidentView view;
    private final Mrkdwn mrkdwn;
    private final Links links;

    public SlashCommand(IncidentView view, Mrkdwn mrkdwn, Links links) {
        this.view = view;
        this.mrkdwn = mrkdwn;
        this.links = links;
    }

    /** The answer to the command's {@code text}. */
    public String answer(String text) {
        String[] words = (text == null ? "" : text.strip()).split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "list", "" -> list();
            case "show" -> words.length < 2 ? usage() : show(words[1].strip());
            default -> usage();
        };
    }

    private String list() {
        List<Incident> active =
                view
                        .list(new IncidentQuery(Optional.empty(), IncidentQuery.MAX_LIMIT, Optional.empty()))
                        .items()
                        .stream()
                        .filter(i -> i.status().isActive())
                        .limit(LIST_LIMIT)
                        .toList();
        if (active.isEmpty()) {
            return "No active incidents.";
        }
        StringBuilder out = new StringBuilder("*Active incidents*");
        for (Incident incident : active) {
            out.append("\n• ").append(idLink(incident)).append(' ').append(line(incident));
        }
        return out.toString();
    }

    private String show(String id) {
        if (!IncidentId.isValid(id)) {
            return "`" + Mrkdwn.escape(Mrkdwn.cut(id, 40)) + "` is not an incident id (inc- and 16 hex digits).";
        }
        Optional<Incident> found = view.find(new IncidentId(id));
        if (found.isEmpty()) {
            return "No incident " + id + ".";
        }
        Incident incident = found.get();
        StringBuilder out = new StringBuilder("*")
                .append(idLink(incident))
                .append("* ")
                .append(line(incident))
                .append("\nOpened ")
                .append(TIME.format(incident.openedAt()))
                .append(", services: ")
                .append(mrkdwn.text(String.join(", ", incident.services())));
        for (IncidentAlert alert : incident.alerts().stream().limit(10).toList()) {
            out.append("\n• ")
                    .append(mrkdwn.text(alert.labels().getOrDefault("alertname", alert.fingerprint())))
                    .append(" (")
                    .append(alert.status().name().toLowerCase(Locale.ROOT))
                    .append(')');
        }
        return out.toString();
    }

    private String line(Incident incident) {
        return mrkdwn.text(Mrkdwn.cut(incident.title(), 150)) + " — "
                + incident.severity().wireName() + ", "
                + incident.status().wireName() + ", " + incident.alertCount() + " alerts (" + incident.firingCount()
                + " firing)";
    }

    private String idLink(Incident incident) {
        String id = incident.id().value();
        return links.publicUrl().isBlank() ? id : Mrkdwn.link(links.page(id), id);
    }

    private static String usage() {
        return "Usage: `/kubemate list` (active incidents) or `/kubemate show inc-0123456789abcdef`.";
    }
}
