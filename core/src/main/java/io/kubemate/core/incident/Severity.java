package io.kubemate.core.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Incident severity, ordered from most to least severe; taken from the alerts' {@code severity} label. */
public enum Severity {
    @JsonProperty("critical")
    CRITICAL,
    @JsonProperty("error")
    ERROR,
    @JsonProperty("warning")
    WARNING,
    @JsonProperty("info")
    INFO,
    @JsonProperty("none")
    NONE;

    /** Maps a label value to a severity; unknown or missing values are {@link #NONE}. */
    public static Severity fromLabel(String value) {
        if (value == null) {
            return NONE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "p1", "emergency", "fatal" -> CRITICAL;
            case "error", "err", "high", "major", "p2" -> ERROR;
            case "warning", "warn", "medium", "minor", "p3" -> WARNING;
            case "info", "informational", "low", "notice", "p4", "p5" -> INFO;
            default -> NONE;
        };
    }

    /** The more severe of two. */
    public Severity max(Severity other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
