package io.kubemate.core.evidence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an evidence item shows. Written in JSON as {@code log-template}, {@code span}, ... */
public enum EvidenceKind {
    LOG_TEMPLATE("log-template"),
    SPAN("span"),
    TRACE_PATH("trace-path"),
    CHANGE("change"),
    METRIC("metric");

    private final String wire;

    EvidenceKind(String wire) {
        this.wire = wire;
    }

    /** The JSON name. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The kind with JSON name (or enum name) {@code text}. */
    @JsonCreator
    public static EvidenceKind of(String text) {
        for (EvidenceKind kind : values()) {
            if (kind.wire.equals(text) || kind.name().equals(text.toUpperCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown evidence kind: " + text);
    }
}
