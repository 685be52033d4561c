package io.kubemate.streams.templates;

import java.time.Instant;
import java.util.Objects;

/**
 * How one log template of one service fared in a window, compared with the baseline window before it.
 *
 * @param templateId the miner's stable id ({@code T17}; {@code T0} is the overflow template)
 * @param template the template text as it stands now, variables shown as {@code <*>}
 * @param count lines of the template in the window
 * @param firstSeen first line of the template in the window
 * @param lastSeen last line of the template in the window
 * @param example the latest line of the template, redacted, at most {@link #MAX_EXAMPLE_CHARS} characters
 * @param newInWindow whether the template had no line in the baseline window [{@code baselineFrom}, {@code from})
 * @param surgeFactor the window's rate of lines over the baseline's, the baseline count smoothed by +1 (so a new
 *     template's factor is finite and grows with its count); 0 when the baseline window is empty
 * @param baselineCount lines of the template in the baseline window
 * @param severity the worst severity its lines carried ({@code error}, {@code warn}, {@code info}, {@code debug}, or
 *     empty)
 */
public record TemplateStat(
        String templateId,
        String template,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        String example,
        boolean newInWindow,
        double surgeFactor,
        long baselineCount,
        String severity) {

    /** Examples are cut to this many characters. */
    public static final int MAX_EXAMPLE_CHARS = 500;

    /** A surge factor from which a template counts as surging. */
    public static final double SURGING = 3.0;

    public TemplateStat {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        example = example == null ? "" : example;
        severity = severity == null ? "" : severity;
    }

    /** Whether the template is new in the window or its rate at least {@link #SURGING} times the baseline's. */
    public boolean isNewOrSurging() {
        return newInWindow || surgeFactor >= SURGING;
    }

    /** Whether its lines carried warn or error. */
    public boolean isWarnOrWorse() {
        return severity.equals("error") || severity.equals("warn");
    }
}
