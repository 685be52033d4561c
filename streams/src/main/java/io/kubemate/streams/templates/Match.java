package io.kubemate.streams.templates;

/**
 * The template a line belongs to, as it stood right after the line was seen.
 *
 * @param number the template's number, stable for the miner's life (0 for the overflow template, -1 when nothing
 *     matched)
 * @param id {@code T<number>} ({@code T0} for the overflow template), empty when nothing matched
 * @param template the template text, tokens joined by one space, variables shown as {@code <*>}; for no match, the
 *     masked line itself
 * @param created whether this line started the template
 * @param overflow whether the miner was full and the line went to the overflow template
 */
public record Match(int number, String id, String template, boolean created, boolean overflow) {
    /** Number and id of the overflow template. */
    public static final int OVERFLOW_NUMBER = 0;

    public static final String OVERFLOW_ID = "T0";

    /** Text of the overflow template. */
    public static final String OVERFLOW_TEMPLATE = "<overflow: template limit reached>";

    /** Whether the line belongs to a template (always so for lines given to {@link TemplateMiner#add}). */
    public boolean isMatched() {
        return number >= 0;
    }

    static Match none(String maskedLine) {
        return new Match(-1, "", maskedLine, false, false);
    }
}
