package io.kubemate.webhooks.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code GET /api/v1/incidents/stream}.
 *
 * @param maxStreams how many streams may be open at once (each holds a server thread); more get 503 ({@code
 *     KUBEMATE_HTTP_MAX_STREAMS}, default 64)
 * @param heartbeat how often an idle stream sends a comment line, so proxies and clients see it alive (default 15 s)
 * @param history how many recent events are kept for clients resuming with {@code Last-Event-ID} (default 1024);
 *     a client further behind gets a {@code reset} with the current list
 */
public record IncidentStreamSettings(int maxStreams, Duration heartbeat, int history) {
    public static final int DEFAULT_MAX_STREAMS = 64;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_HISTORY = 1024;

    public IncidentStreamSettings {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be positive, was " + maxStreams);
        }
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
        }
        if (history < 1) {
            throw new IllegalArgumentException("history must be positive, was " + history);
        }
    }

    public static IncidentStreamSettings defaults() {
        return new IncidentStreamSettings(DEFAULT_MAX_STREAMS, DEFAULT_HEARTBEAT, DEFAULT_HISTORY);
    }

    public IncidentStreamSettings withMaxStreams(int value) {
        return new IncidentStreamSettings(value, heartbeat, history);
    }
}
