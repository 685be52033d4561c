package io.kubemate.core.telemetry;

/** OTLP span kinds, in their wire order (0–5). */
public enum SpanKind {
    UNSPECIFIED,
    INTERNAL,
    SERVER,
    CLIENT,
    PRODUCER,
    CONSUMER;

    /** The kind with OTLP's integer value; {@link #UNSPECIFIED} for anything out of range. */
    public static SpanKind ofOtlp(int value) {
        SpanKind[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNSPECIFIED;
    }
}
