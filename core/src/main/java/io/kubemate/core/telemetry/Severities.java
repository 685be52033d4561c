package io.kubemate.core.telemetry;

import java.util.Locale;

/** Normalises the many spellings of log severity to {@code error}, {@code warn}, {@code info}, {@code debug}. */
public final class Severities {
    private Severities() {}

    /** From a text level ({@code ERROR}, {@code Warning}, {@code crit}, {@code E}, ...); empty when unknown. */
    public static String fromText(String level) {
        if (level == null || level.isBlank()) {
            return "";
        }
        String l = level.trim().toLowerCase(Locale.ROOT);
        return switch (l) {
            case "error",
                    "err",
                    "e",
                    "fatal",
                    "critical",
                    "crit",
                    "panic",
                    "alert",
                    "emerg",
                    "emergency",
                    "severe" -> "error";
            case "warn", "warning", "w" -> "warn";
            case "info", "information", "informational", "notice", "i" -> "info";
            case "debug", "trace", "d", "fine", "finer", "finest", "verbose" -> "debug";
            default -> "";
        };
    }

    /** From an OTLP {@code severityNumber} (1–24); empty for 0 (unspecified). */
    public static String fromOtlpNumber(int number) {
        if (number >= 17) {
            return "error";
        }
        if (number >= 13) {
            return "warn";
        }
        if (number >= 9) {
            return "info";
        }
        if (number >= 1) {
            return "debug";
        }
        return "";
    }
}
