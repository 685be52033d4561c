package io.kubemate.app.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints replay outcomes: a table for people, or one JSON document. */
final class ReplayReport {
    private static final String ROW = "%-28s %7s %13s %6s %9s %10s %9s %7s %6s %5s %5s%n";

    private ReplayReport() {}

    static void table(List<ScenarioReport> reports, PrintStream out) {
        out.println();
        out.printf(
                ROW,
                "scenario",
                "records",
                "ok/404/fail",
                "alerts",
                "incidents",
                "alerts/inc",
                "precision",
                "recall",
                "F1",
                "AC@1",
                "AC@3");
        for (ScenarioReport report : reports) {
            row(report.name(), report.records(), sent(report), report.score(), out);
        }
        if (reports.size() > 1) {
            int records = reports.stream().mapToInt(ScenarioReport::records).sum();
            int[] total = new int[3];
            reports.forEach(r -> r.sent().values().forEach(c -> {
                total[0] += c.accepted();
                total[1] += c.missingEndpoint();
                total[2] += c.failed();
            }));
            row("all (micro-averaged)", records, total[0] + "/" + total[1] + "/" + total[2], total(reports), out);
        }
        out.println();
        for (ScenarioReport report : reports) {
            details(report, out);
        }
    }

    private static void row(String name, int records, String sent, ReplayScore.Result score, PrintStream out) {
        boolean labelled = score.isLabelled();
        out.printf(
                ROW,
                name,
                records,
                sent,
                score.alerts(),
                score.incidents(),
                fixed(score.compression(), 2),
                labelled ? fixed(score.precision(), 3) : "-",
                labelled ? fixed(score.recall(), 3) : "-",
                labelled ? fixed(score.f1(), 3) : "-",
                score.origins().isEmpty()
                        ? "-"
                        : score.hitsAt1() + "/" + score.origins().size(),
                score.origins().isEmpty()
                        ? "-"
                        : score.hitsAt3() + "/" + score.origins().size());
    }

    private static void details(ScenarioReport report, PrintStream out) {
        out.println(report.name() + ": " + report.records() + " records over " + Replayer.human(report.recorded())
                + " of recording, sent in " + Replayer.human(report.wall()));
        report.sent().forEach((type, c) -> {
            if (c.missingEndpoint() > 0 || c.failed() > 0) {
                out.printf(
                        "  %s: %d sent, %d accepted, %d answered 404 (no receiver), %d failed%n",
                        type, c.sent(), c.accepted(), c.missingEndpoint(), c.failed());
            }
        });
        if (report.score().placedAlerts() < report.score().alerts()) {
            out.printf(
                    "  %d of %d alerts never reached an incident%n",
                    report.score().alerts() - report.score().placedAlerts(),
                    report.score().alerts());
        }
        if (!report.originReported() && !report.score().origins().isEmpty()) {
            out.println("  the API reports no probableOrigin: every AC@k counts as a miss");
        }
        for (ReplayScore.Origin origin : report.score().origins()) {
            out.printf(
                    "  truth %-22s root %-16s %2d alerts -> %s (%d of them) origins %s  @1 %s  @3 %s%n",
                    origin.label(),
                    origin.rootCause(),
                    origin.alerts(),
                    origin.incident() == null ? "no incident" : origin.incident(),
                    origin.alertsInIncident(),
                    origin.predicted(),
                    origin.hitAt1() ? "hit" : "miss",
                    origin.hitAt3() ? "hit" : "miss");
        }
        report.errors().forEach(error -> out.println("  error: " + error));
    }

    static void json(List<ScenarioReport> reports, PrintStream out) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> scenarios = new ArrayList<>();
        for (ScenarioReport report : reports) {
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("name", report.name());
            scenario.put("records", report.records());
            scenario.put("recordedSeconds", report.recorded().toMillis() / 1000.0);
            scenario.put("wallSeconds", report.wall().toMillis() / 1000.0);
            scenario.put("sent", report.sent());
            scenario.put("settled", report.settled());
            scenario.put("probableOriginReported", report.originReported());
            scenario.putAll(figures(report.score()));
            scenario.put("truths", report.score().origins());
            scenario.put("errors", report.errors());
            scenarios.add(scenario);
        }
        root.put("scenarios", scenarios);
        root.put("total", figures(total(reports)));
        try {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary", e);
        }
    }

    private static Map<String, Object> figures(ReplayScore.Result score) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("alerts", score.alerts());
        figures.put("alertsInIncidents", score.placedAlerts());
        figures.put("incidents", score.incidents());
        figures.put("alertsPerIncident", round(score.compression()));
        figures.put("labelledAlerts", score.labelledAlerts());
        figures.put("truePairs", score.truePairs());
        figures.put("predictedPairs", score.predictedPairs());
        figures.put("correctPairs", score.correctPairs());
        figures.put("precision", score.isLabelled() ? round(score.precision()) : null);
        figures.put("recall", score.isLabelled() ? round(score.recall()) : null);
        figures.put("f1", score.isLabelled() ? round(score.f1()) : null);
        figures.put("rootCauses", score.origins().size());
        figures.put("ac1", score.origins().isEmpty() ? null : round(score.accuracyAt1()));
        figures.put("ac3", score.origins().isEmpty() ? null : round(score.accuracyAt3()));
        return figures;
    }

    static ReplayScore.Result total(List<ScenarioReport> reports) {
        return ReplayScore.combine(reports.stream().map(ScenarioReport::score).toList());
    }

    private static String sent(ScenarioReport report) {
        int ok = 0;
        int missing = 0;
        int failed = 0;
        for (ScenarioReport.Counts c : report.sent().values()) {
            ok += c.accepted();
            missing += c.missingEndpoint();
            failed += c.failed();
        }
        return ok + "/" + missing + "/" + failed;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String fixed(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
