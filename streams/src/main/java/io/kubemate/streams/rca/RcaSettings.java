package io.kubemate.streams.rca;

import java.time.Duration;
import java.util.Objects;

/**
 * How summary requests are debounced.
 *
 * @param quiet a request goes out this long after the last material change ...
 * @param maxWait ... but never later than this after the first change it carries
 * @param tick how often (wall clock) due requests are looked for
 * @param forgetResolved how long a resolved incident's state is kept (a reopen within it counts as such)
 */
public record RcaSettings(Duration quiet, Duration maxWait, Duration tick, Duration forgetResolved) {
    public RcaSettings {
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(forgetResolved, "forgetResolved");
        if (quiet.isNegative() || maxWait.compareTo(quiet) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= quiet <= maxWait, was quiet " + quiet + ", maxWait " + maxWait);
        }
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive");
        }
    }

    /** 10 s quiet, at most 60 s, every second, resolved state kept a day. */
    public static RcaSettings defaults() {
        return new RcaSettings(
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(24));
    }
}
