package io.kubemate.app.bench;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The markdown report: machine, per-run tables with a median row, and the targets with PASS/MISS and margin. */
final class Report {
    static final double MIN_OVER_ALERTMANAGER = 1.0;
    static final double MIN_OVER_RAW = 0.5;
    static final double MAX_P99_MS = 250;

    private final BenchOptions options;
    private final List<RunResult> runs;
    private final Instant started;
    private final String loadAtStart;
    private final String loadAtEnd;

    Report(BenchOptions options, List<RunResult> runs, Instant started, String loadAtStart, String loadAtEnd) {
        this.options = options;
        this.runs = runs;
        this.started = started;
        this.loadAtStart = loadAtStart;
        this.loadAtEnd = loadAtEnd;
    }

    void print(PrintStream out) {
        out.println();
        out.println("### kubemate bench ingest, " + started.truncatedTo(ChronoUnit.SECONDS));
        out.println();
        out.println("`" + command() + "`");
        out.println();
        out.println("- machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (" + ProcInfo.cpuModel() + "), "
                + ProcInfo.memTotal() + " RAM, " + ProcInfo.javaVersion());
        out.println("- load average (1/5/15 min) at start: " + loadAtStart + "; at end: " + loadAtEnd);
        out.println();
        throughputTable(out);
        out.println();
        latencyTable(out);
        out.println();
        targets(out);
        out.println();
        out.println("CPU-seconds spent during each measured window (" + options.seconds() + " s; the box has "
                + Runtime.getRuntime().availableProcessors() + " CPUs):");
        out.println();
        for (int i = 0; i < runs.size(); i++) {
            for (var phase : runs.get(i).cpu().entrySet()) {
                out.println("- run " + (i + 1) + ", " + phase.getKey() + ": " + phase.getValue());
            }
        }
    }

    String command() {
        return String.format(
                Locale.ROOT,
                "./kubemate bench ingest --seconds %d --warmup %d --connections %d --batch %d --rate %d --runs %d%s",
                options.seconds(),
                options.warmupSeconds(),
                options.connections(),
                options.batch(),
                options.rate(),
                options.runs(),
                options.skipAlertmanager() ? " --skip-alertmanager" : "");
    }

    private void throughputTable(PrintStream out) {
        out.println("| run | webhook intake alerts/s | intake p50 / p99 ms | raw producer records/s | intake ÷ raw "
                + "| Alertmanager 0.25 alerts/s | AM p50 / p99 ms | Kubemate ÷ AM | failed requests (Kubemate / AM) |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            out.printf(
                    Locale.ROOT,
                    "| %d | %s | %s / %s | %s | %s | %s | %s | %s | %d / %s |%n",
                    i + 1,
                    Stats.rate(r.intake().alertsPerSecond()),
                    Stats.ms(r.intake().p50Nanos()),
                    Stats.ms(r.intake().p99Nanos()),
                    Stats.rate(r.raw().alertsPerSecond()),
                    Stats.ratio(r.intakeOverRaw()),
                    r.alertmanager().map(a -> Stats.rate(a.alertsPerSecond())).orElse("skipped"),
                    r.alertmanager()
                            .map(a -> Stats.ms(a.p50Nanos()) + " / " + Stats.ms(a.p99Nanos()))
                            .orElse("-"),
                    Stats.ratio(r.intakeOverAlertmanager()),
                    r.intake().failures(),
                    r.alertmanager().map(a -> Long.toString(a.failures())).orElse("-"));
        }
        out.printf(
                Locale.ROOT,
                "| **median** | **%s** | %s / %s | **%s** | **%s** | **%s** | | **%s** | |%n",
                Stats.rate(median(r -> r.intake().alertsPerSecond())),
                Stats.ms((long) median(r -> r.intake().p50Nanos())),
                Stats.ms((long) median(r -> r.intake().p99Nanos())),
                Stats.rate(median(r -> r.raw().alertsPerSecond())),
                Stats.ratio(median(RunResult::intakeOverRaw)),
                Stats.rate(median(
                        r -> r.alertmanager().map(Throughput::alertsPerSecond).orElse(Double.NaN))),
                Stats.ratio(median(RunResult::intakeOverAlertmanager)));
    }

    private void latencyTable(PrintStream out) {
        out.println("| run | alert→incident p50 / p99 / max ms (at " + Stats.rate(options.rate())
                + " alerts/s offered) | matched / sent | incident records read (MB) | max send lag ms "
                + "| Kubemate JVM peak RSS MB | broker peak RSS MB | Alertmanager peak RSS MB |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            LatencyResult l = r.latency();
            out.printf(
                    Locale.ROOT,
                    "| %d | %s / %s / %s | %d / %d | %d (%d) | %s | %d | %d | %s |%n",
                    i + 1,
                    Stats.ms(l.p50Nanos()),
                    Stats.ms(l.p99Nanos()),
                    Stats.ms(l.maxNanos()),
                    l.matched(),
                    l.sent(),
                    l.snapshots(),
                    ProcInfo.mib(l.snapshotBytes()),
                    Stats.ms(l.maxSendLagNanos()),
                    ProcInfo.mib(r.kubematePeakRss()),
                    ProcInfo.mib(r.brokerPeakRss()),
                    r.alertmanager().isPresent() ? Long.toString(ProcInfo.mib(r.alertmanagerPeakRss())) : "-");
        }
        out.printf(
                Locale.ROOT,
                "| **median** | %s / **%s** / %s | | | | | | |%n",
                Stats.ms((long) median(r -> r.latency().p50Nanos())),
                Stats.ms((long) median(r -> r.latency().p99Nanos())),
                Stats.ms((long) median(r -> r.latency().maxNanos())));
    }

    private void targets(PrintStream out) {
        out.println("| target | measured (median) | verdict |");
        out.println("|---|---|---|");
        double overAm = median(RunResult::intakeOverAlertmanager);
        out.println("| intake ≥ 1.0 × Alertmanager | " + Stats.ratio(overAm) + " × | "
                + (Double.isNaN(overAm)
                        ? "SKIPPED"
                        : verdict(overAm >= MIN_OVER_ALERTMANAGER, percent(overAm / MIN_OVER_ALERTMANAGER - 1)))
                + " |");
        double overRaw = median(RunResult::intakeOverRaw);
        out.println("| intake ≥ 0.5 × raw producer | " + Stats.ratio(overRaw) + " × | "
                + verdict(overRaw >= MIN_OVER_RAW, percent(overRaw / MIN_OVER_RAW - 1)) + " |");
        long p99 = (long) median(r -> r.latency().p99Nanos());
        boolean matched = runs.stream().allMatch(r -> r.latency().allMatched());
        String margin = p99 == Stats.UNMATCHED
                ? "over 1 % of the alerts never reached an incident in time"
                : String.format(Locale.ROOT, "%+.1f ms", MAX_P99_MS - p99 / 1e6);
        out.println("| alert→incident p99 ≤ 250 ms, every alert matched | " + Stats.ms(p99) + " ms"
                + (matched ? "" : ", NOT all matched") + " | "
                + verdict(p99 / 1e6 <= MAX_P99_MS && matched, margin) + " |");
    }

    boolean allTargetsMet() {
        double overAm = median(RunResult::intakeOverAlertmanager);
        boolean amOk = Double.isNaN(overAm) || overAm >= MIN_OVER_ALERTMANAGER;
        boolean matched = runs.stream().allMatch(r -> r.latency().allMatched());
        return amOk
                && median(RunResult::intakeOverRaw) >= MIN_OVER_RAW
                && median(r -> r.latency().p99Nanos()) / 1e6 <= MAX_P99_MS
                && matched;
    }

    private double median(ToDoubleFunction<RunResult> metric) {
        return Stats.median(runs.stream().mapToDouble(metric).toArray());
    }

    private static String verdict(boolean pass, String margin) {
        return (pass ? "**PASS**" : "**MISS**") + " (margin " + margin + ")";
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.0f %%", fraction * 100);
    }
}
