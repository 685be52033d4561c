package io.kubemate.streams.templates;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.redact.Redactor;
import io.kubemate.core.telemetry.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The log templates of one service over time, for evidence: which templates appeared or surged in a window and how
 * often, compared with a baseline window before it.
 *
 * <p>Bounds, whatever the input: at most {@code maxTemplates} templates (lines beyond go to the overflow template
 * {@code T0}, which is reported like any other), one bucket per minute for {@code retention} (by default 180 buckets,
 * 3 hours; lines older than the newest minute minus the retention are learned but not counted), per bucket one entry
 * per template seen in that minute, and per template the latest line (kept raw in memory, cut to {@value
 * #MAX_LINE_CHARS} characters and redacted only when an excerpt is taken). Time is the lines' own time, never the
 * clock.
 *
 * <p>Thread-safe: {@link #add} and {@link #excerpt} may be called from different threads.
 */
public final class ServiceLogTemplates {
    /** Default most templates per service. */
    public static final int DEFAULT_MAX_TEMPLATES = 1_000;

    /** Default retention of minute buckets. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(3);

    /** Lines kept as examples are cut to this many characters. */
    public static final int MAX_LINE_CHARS = TemplateStat.MAX_EXAMPLE_CHARS;

    private static final long MINUTE_MILLIS = 60_000;

    private final String service;
    private final Redactor redactor;
    private final TemplateMiner miner;
    private final MinuteCounts[] buckets;
    private final Map<Integer, TemplateInfo> infos = new HashMap<>();
    private long newestMinute = Long.MIN_VALUE;
    private long lines;

    /** With {@link #DEFAULT_MAX_TEMPLATES} and {@link #DEFAULT_RETENTION}. */
    public ServiceLogTemplates(String service, Redactor redactor) {
        this(service, redactor, DEFAULT_MAX_TEMPLATES, DEFAULT_RETENTION);
    }

    /**
     * @throws InvalidInputException when {@code maxTemplates} is not positive or {@code retention} is under a minute
     *     or over a week
     */
    public ServiceLogTemplates(String service, Redactor redactor, int maxTemplates, Duration retention) {
        if (retention.compareTo(Duration.ofMinutes(1)) < 0 || retention.compareTo(Duration.ofDays(7)) > 0) {
            throw new InvalidInputException("/retention", "retention must be within 1 minute and 7 days");
        }
        this.service = service == null ? "" : service;
        this.redactor = redactor;
        this.miner = new TemplateMiner(MinerSettings.defaults().withMaxTemplates(maxTemplates));
        this.buckets = new MinuteCounts[(int) retention.toMinutes()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new MinuteCounts();
        }
    }

    public String service() {
        return service;
    }

    /** Learns the entry's line and counts it in its minute; returns the template it joined. */
    public synchronized Match add(LogEntry entry) {
        Match match = miner.add(entry.line());
        lines++;
        TemplateInfo info = infos.computeIfAbsent(match.number(), n -> new TemplateInfo());
        info.latestLine = entry.line().length() <= MAX_LINE_CHARS
                ? entry.line()
                : entry.line().substring(0, MAX_LINE_CHARS);
        info.severity = worse(info.severity, entry.severity());
        long millis = entry.time().toEpochMilli();
        long minute = Math.floorDiv(millis, MINUTE_MILLIS);
        if (minute > newestMinute) {
            newestMinute = minute;
        }
        if (minute <= newestMinute - buckets.length) {
            return match; // older than the retention
        }
        MinuteCounts bucket = buckets[(int) Math.floorMod(minute, (long) buckets.length)];
        if (bucket.minute != minute) {
            if (bucket.minute > minute) {
                return match; // cannot happen within the retention; kept for safety
            }
            bucket.reset(minute);
        }
        bucket.add(match.number(), (int) Math.floorMod(millis, MINUTE_MILLIS));
        return match;
    }

    /** Lines seen so far. */
    public synchronized long lines() {
        return lines;
    }

    /** Templates learned so far (the overflow template and templates merged into others not counted). */
    public synchronized int templates() {
        return miner.size();
    }

    /**
     * At most {@code max} templates with lines in [{@code from}, {@code to}], ranked: new or surging (against
     * [{@code baselineFrom}, {@code from})) first, then warn or error, then by surge factor and count. Counts are
     * exact to the minute bucket: a bucket counts when its minute starts within the window.
     *
     * @throws InvalidInputException when {@code from} is after {@code to}, {@code baselineFrom} after {@code from}, or
     *     {@code max} negative
     */
    public synchronized List<TemplateStat> excerpt(Instant from, Instant to, Instant baselineFrom, int max) {
        if (from.isAfter(to)) {
            throw new InvalidInputException("/from", "from must not be after to");
        }
        if (baselineFrom.isAfter(from)) {
            throw new InvalidInputException("/baselineFrom", "baselineFrom must not be after from");
        }
        if (max < 0) {
            throw new InvalidInputException("/max", "max must not be negative");
        }
        long windowFrom = Math.floorDiv(from.toEpochMilli(), MINUTE_MILLIS);
        long windowTo = Math.floorDiv(to.toEpochMilli(), MINUTE_MILLIS);
        long baseFrom = Math.floorDiv(baselineFrom.toEpochMilli(), MINUTE_MILLIS);
        Map<Integer, Tally> window = new HashMap<>();
        Map<Integer, Tally> baseline = new HashMap<>();
        for (MinuteCounts bucket : buckets) {
            long minute = bucket.minute;
            if (minute == Long.MIN_VALUE || minute < baseFrom || minute > windowTo) {
                continue;
            }
            Map<Integer, Tally> target = minute >= windowFrom ? window : baseline;
            bucket.forEach(
                    (template, count, first, last) -> target.computeIfAbsent(miner.resolve(template), t -> new Tally())
                            .add(count, minute * MINUTE_MILLIS + first, minute * MINUTE_MILLIS + last));
        }
        double windowMinutes = Math.max(1, windowTo - windowFrom + 1);
        double baselineMinutes = windowFrom - baseFrom;
        List<TemplateStat> stats = new ArrayList<>(window.size());
        window.forEach((number, tally) -> {
            Tally base = baseline.get(number);
            long baseCount = base == null ? 0 : base.count;
            double surge =
                    baselineMinutes <= 0 ? 0 : (tally.count / windowMinutes) / ((baseCount + 1) / baselineMinutes);
            TemplateInfo info = infos.get(number);
            stats.add(new TemplateStat(
                    number == Match.OVERFLOW_NUMBER ? Match.OVERFLOW_ID : "T" + number,
                    miner.template(number).orElse(""),
                    tally.count,
                    Instant.ofEpochMilli(tally.first),
                    Instant.ofEpochMilli(tally.last),
                    info == null ? "" : redactor.redact(info.latestLine),
                    baseCount == 0 && baselineMinutes > 0,
                    surge,
                    baseCount,
                    info == null ? "" : info.severity));
        });
        stats.sort(RANKING);
        return stats.size() <= max ? stats : List.copyOf(stats.subList(0, max));
    }

    static final Comparator<TemplateStat> RANKING = Comparator.comparing(TemplateStat::isNewOrSurging)
            .thenComparing(TemplateStat::isWarnOrWorse)
            .thenComparingDouble(TemplateStat::surgeFactor)
            .thenComparingLong(TemplateStat::count)
            .reversed()
            .thenComparing(TemplateStat::templateId);

    private static String worse(String current, String severity) {
        return rank(severity) > rank(current) ? severity : current;
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "error" -> 4;
            case "warn" -> 3;
            case "info" -> 2;
            case "debug" -> 1;
            default -> 0;
        };
    }

    private static final class TemplateInfo {
        String latestLine = "";
        String severity = "";
    }

    private static final class Tally {
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        void add(int n, long firstMillis, long lastMillis) {
            count += n;
            first = Math.min(first, firstMillis);
            last = Math.max(last, lastMillis);
        }
    }
}
