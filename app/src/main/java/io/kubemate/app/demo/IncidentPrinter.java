package io.kubemate.app.demo;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.TimelineEntry;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Prints incidents for people: a block per incident, or a one-line update. */
final class IncidentPrinter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int TIMELINE_LINES = 14;

    private final PrintStream out;

    IncidentPrinter(PrintStream out) {
        this.out = out;
    }

    void block(Incident incident) {
        out.printf(
                "%s  %-12s %-8s  %s%n",
                incident.id(),
                incident.status().wireName().toUpperCase(Locale.ROOT),
                incident.severity().wireName(),
                incident.title());
        out.printf("    scope     %s%n", scope(incident));
        out.printf("    services  %s%n", incident.services().isEmpty() ? "-" : String.join(", ", incident.services()));
        out.printf(
                "    alerts    %d (%d firing)   opened %s UTC%s   version %d%n",
                incident.alertCount(),
                incident.firingCount(),
                time(incident.openedAt()),
                incident.resolvedAt() == null ? "" : "   resolved " + time(incident.resolvedAt()) + " UTC",
                incident.version());
        out.println("    timeline");
        List<TimelineEntry> timeline = incident.timeline();
        int omitted = incident.timelineOmitted() + Math.max(0, timeline.size() - TIMELINE_LINES);
        List<TimelineEntry> shown = timeline.size() <= TIMELINE_LINES
                ? timeline
                : timeline.subList(timeline.size() - TIMELINE_LINES, timeline.size());
        if (!timeline.isEmpty() && shown.get(0) != timeline.get(0)) {
            line(timeline.get(0));
        }
        if (omitted > 0) {
            out.printf("      ... %d more entries ...%n", omitted);
        }
        shown.forEach(this::line);
        out.println();
    }

    void update(Incident incident) {
        out.printf(
                "  %s UTC  %s v%d %-12s %s (%d/%d firing)%n",
                time(incident.updatedAt()),
                incident.id(),
                incident.version(),
                incident.status().wireName(),
                incident.title(),
                incident.firingCount(),
                incident.alertCount());
    }

    private void line(TimelineEntry entry) {
        String who = entry.actor() == null ? "" : " by " + entry.actor();
        out.printf(
                "      %s  %-15s %s%s%n",
                time(entry.at()), entry.kind().name().toLowerCase(Locale.ROOT), entry.detail(), who);
    }

    private static String scope(Incident incident) {
        StringBuilder text = new StringBuilder();
        incident.scope().forEach((k, v) -> text.append(k).append('=').append(v).append(' '));
        return text.toString().trim();
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
