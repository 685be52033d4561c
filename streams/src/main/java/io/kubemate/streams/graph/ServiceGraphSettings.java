package io.kubemate.streams.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * How the service graph is kept.
 *
 * @param window the sliding window edge figures cover (span time)
 * @param slice the window's resolution: calls are counted in slices this long, and a slice leaves the window whole
 * @param publishInterval how often (wall clock) changed edges are published; each edge at most once per interval
 * @param expireAfter an edge without calls for this long (wall clock) is deleted (a tombstone is published)
 * @param traceTtl how long (wall clock) a span is remembered to pair it with its parent or children
 * @param clientGrace how long (wall clock) an outgoing call waits for a child span before it is counted as a call to
 *     the callee its attributes name (a database, an external API: callees that emit no spans)
 */
public record ServiceGraphSettings(
        Duration window,
        Duration slice,
        Duration publishInterval,
        Duration expireAfter,
        Duration traceTtl,
        Duration clientGrace) {

    public ServiceGraphSettings {
        positive(window, "window");
        positive(slice, "slice");
        positive(publishInterval, "publishInterval");
        positive(expireAfter, "expireAfter");
        positive(traceTtl, "traceTtl");
        positive(clientGrace, "clientGrace");
        if (slice.compareTo(window) > 0 || window.toMillis() % slice.toMillis() != 0) {
            throw new IllegalArgumentException("window must be a whole number of slices");
        }
        if (window.toMillis() / slice.toMillis() > 120) {
            throw new IllegalArgumentException("window must hold at most 120 slices");
        }
        if (clientGrace.compareTo(traceTtl) >= 0) {
            throw new IllegalArgumentException("clientGrace must be shorter than traceTtl");
        }
    }

    /** A 5-minute window in 30-second slices, published every 5 s, edges expire after 15 min; 2 min trace memory. */
    public static ServiceGraphSettings defaults() {
        return new ServiceGraphSettings(
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofMinutes(15),
                Duration.ofMinutes(2),
                Duration.ofSeconds(30));
    }

    /** The same settings with another window (a whole number of {@link #slice()}s). */
    public ServiceGraphSettings withWindow(Duration newWindow) {
        return new ServiceGraphSettings(newWindow, slice, publishInterval, expireAfter, traceTtl, clientGrace);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
