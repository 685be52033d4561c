package io.kubemate.app.demo;

import io.kubemate.app.replay.ScenarioReport;
import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.rca.IncidentSummary;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints incidents for people: a block with alerts, probable origin and evidence, a one-line summary, or a one-line
 * update.
 */
final class IncidentPrinter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Evidence lines are cut to this many characters so that an item stays on one terminal line. */
    private static final int LINE_CHARS = 100;

    /** An evidence id cited in an origin reason, such as {@code E3} in {@code "... traces (E3)"}. */
    private static final Pattern CITED = Pattern.compile("\\bE\\d+\\b");

    /** Under an item's title: past its id and kind columns. */
    private static final String EVIDENCE_INDENT = " ".repeat(24);

    private final PrintStream out;

    IncidentPrinter(PrintStream out) {
        this.out = out;
    }

    /** What the replay sent, per record type. */
    void sent(ScenarioReport report) {
        StringBuilder types = new StringBuilder();
        int accepted = 0;
        for (Map.Entry<String, ScenarioReport.Counts> type : new TreeMap<>(report.sent()).entrySet()) {
            types.append(types.length() == 0 ? "" : ", ")
                    .append(type.getKey())
                    .append(' ')
                    .append(type.getValue().sent());
            accepted += type.getValue().accepted();
        }
        out.printf(
                "  sent %d records in %d s (%s): %d accepted%n",
                report.records(), report.wall().toSeconds(), types, accepted);
        report.errors().forEach(error -> out.println("  ! " + error));
    }

    /** The whole incident: scope, services, alerts, then its probable origin and evidence when there is some. */
    void block(Incident incident, Optional<IncidentEvidence> evidence) {
        block(incident, evidence, Optional.empty());
    }

    /** The whole incident as {@link #block(Incident, Optional)}, then its root-cause summary when there is one. */
    void block(Incident incident, Optional<IncidentEvidence> evidence, Optional<IncidentSummary> summary) {
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
        incident.alerts().stream()
                .sorted(Comparator.comparing(IncidentAlert::startsAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(this::alert);
        if (evidence.isEmpty()) {
            out.println("    no evidence assembled (yet)");
        } else {
            origins(evidence.get().probableOrigin());
            items(evidence.get());
        }
        summary.ifPresent(this::summary);
        out.println();
    }

    private void summary(IncidentSummary summary) {
        out.printf(
                "    summary   %s%s%s%n",
                summary.kind().equals("llm") ? "by " + summary.model().name() : "extractive",
                summary.grounded() ? ", grounded" : "",
                summary.note().isEmpty() ? "" : " (" + summary.note() + ")");
        out.println("      " + summary.text());
        if (summary.probableRootCause() != null) {
            out.printf(
                    "      root cause  %s: %s (confidence %.2f)%n",
                    summary.probableRootCause().service(),
                    summary.probableRootCause().reason(),
                    summary.confidence());
        }
        summary.nextSteps().forEach(step -> out.println("      next        " + step));
    }

    /** One line: id, status, alert counts, services, title. */
    void line(Incident incident) {
        out.printf(
                "  %s  %-12s %d %s (%d firing)  %-24s %s%n",
                incident.id(),
                incident.status().wireName(),
                incident.alertCount(),
                incident.alertCount() == 1 ? "alert" : "alerts",
                incident.firingCount(),
                String.join(",", incident.services()),
                incident.title());
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

    void evidenceUpdate(IncidentEvidence evidence) {
        out.printf(
                "  %s UTC  %s evidence v%d: %d items, probable origin %s%n",
                time(evidence.updatedAt()),
                evidence.incidentId(),
                evidence.version(),
                evidence.items().size(),
                evidence.probableOrigin().isEmpty()
                        ? "-"
                        : evidence.probableOrigin().get(0).service());
    }

    private void alert(IncidentAlert alert) {
        Map<String, String> labels = alert.labels();
        out.printf(
                "      %-8s  %-32s %-12s %s%n",
                alert.status().name().toLowerCase(Locale.ROOT),
                labels.getOrDefault("alertname", "?"),
                labels.getOrDefault("service", "-"),
                labels.getOrDefault("namespace", ""));
    }

    private void origins(List<ProbableOrigin> origins) {
        out.println("    probable origin");
        if (origins.isEmpty()) {
            out.println("      - (nothing points anywhere yet)");
        }
        for (int i = 0; i < origins.size(); i++) {
            ProbableOrigin origin = origins.get(i);
            out.printf(Locale.ROOT, "      %d. %-14s score %.2f%n", i + 1, origin.service(), origin.score());
            origin.reasons().forEach(reason -> out.println("           " + cut(reason)));
        }
    }

    /** One line per item; the items the origin reasons cite also get their first supporting line. */
    private void items(IncidentEvidence evidence) {
        Set<String> cited = new HashSet<>();
        evidence.probableOrigin().forEach(origin -> origin.reasons().forEach(reason -> {
            Matcher ids = CITED.matcher(reason);
            while (ids.find()) {
                cited.add(ids.group());
            }
        }));
        out.printf(
                "    evidence  %d items, assembled %s UTC%n", evidence.items().size(), time(evidence.updatedAt()));
        for (EvidenceItem item : evidence.items()) {
            out.printf("      %-4s%-14s%s%n", item.id(), item.kind().wire(), cut(item.title()));
            if (cited.contains(item.id()) && !item.lines().isEmpty()) {
                out.println(EVIDENCE_INDENT + cut(item.lines().get(0).strip()));
            }
        }
    }

    private static String cut(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= LINE_CHARS ? line : line.substring(0, LINE_CHARS - 1) + "…";
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
