package io.kubemate.ingest.pull;

/** The backends evidence is pulled from. {@link #source()} is the {@code source} of the evidence each one yields. */
public enum PullBackend {
    LOKI("loki-query"),
    JAEGER("jaeger"),
    PROMETHEUS("prometheus");

    private final String source;

    PullBackend(String source) {
        this.source = source;
    }

    /** The evidence source name: {@code loki-query}, {@code jaeger} or {@code prometheus}. */
    public String source() {
        return source;
    }
}
