package io.kubemate.rag.model;

import java.util.regex.Pattern;

/**
 * Makes untrusted text safe to place inside a data block: it cannot close the block or open another one, and it
 * stays within a size bound.
 */
final class DataText {
    /** Runs of two or more angle-like characters, spaces between them allowed: what a delimiter could be forged from. */
    private static final Pattern ANGLES = Pattern.compile("[<>\\uFF1C\\uFF1E\\uFE64\\uFE65\\u2039\\u203A\\u00AB\\u00BB"
            + "\\u2329\\u232A\\u3008\\u3009\\u27E8\\u27E9](?:\\s*[<>\\uFF1C\\uFF1E\\uFE64\\uFE65\\u2039\\u203A\\u00AB"
            + "\\u00BB\\u2329\\u232A\\u3008\\u3009\\u27E8\\u27E9])+");

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern NOT_A_NAME = Pattern.compile("[^A-Za-z0-9._:/@#-]");
    static final String TRUNCATED = "…[truncated]";

    private DataText() {}

    /** {@code text} without delimiter look-alikes and control characters, cut to {@code max} characters. */
    static String clean(String text, int max) {
        String cleaned = ANGLES.matcher(CONTROL.matcher(text).replaceAll(" ")).replaceAll("[~]");
        return cut(cleaned, max);
    }

    /** {@code text} as the indented lines of a block: every line starts with {@code "| "}. */
    static String indent(String text) {
        return "| " + text.replace("\n", "\n| ");
    }

    /** A name (service, id) reduced to characters that cannot carry markup or instructions. */
    static String name(String text) {
        return cut(NOT_A_NAME.matcher(text).replaceAll("_"), 120);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - TRUNCATED.length())) + TRUNCATED;
    }
}
