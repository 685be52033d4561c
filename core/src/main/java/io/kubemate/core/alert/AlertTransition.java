package io.kubemate.core.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * A change in one alert's state: what the correlation consumes. Re-sent, unchanged states never become one.
 *
 * @param kind what changed
 * @param alert the alert as now received
 * @param at the event time of the change (the receipt time of the record that caused it)
 * @param flapping whether the alert re-fired within the flap window after resolving
 * @param flapCount how many times it has re-fired within the flap window so far
 */
public record AlertTransition(TransitionKind kind, RawAlert alert, Instant at, boolean flapping, int flapCount) {
    public AlertTransition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(at, "at");
    }
}
