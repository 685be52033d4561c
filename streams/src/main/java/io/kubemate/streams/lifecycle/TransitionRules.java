package io.kubemate.streams.lifecycle;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.alert.TransitionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The lifecycle rules, free of Kafka: given what is held and what arrived, what (if anything) changed. */
final class TransitionRules {
    private final Duration flapWindow;

    TransitionRules(Duration flapWindow) {
        this.flapWindow = flapWindow;
    }

    /** A transition and the state to hold after it. */
    record Outcome(AlertTransition transition, LifecycleState next) {}

    /**
     * Decides what {@code alert}, received at {@code at}, means given the {@code held} state (null when unseen).
     * Empty for a re-send of the held state and for a record of an episode older than the held one: Alertmanager
     * re-sends whole groups, so an old resolved record can arrive after the alert fired again.
     */
    Optional<Outcome> decide(LifecycleState held, RawAlert alert, Instant at) {
        boolean firing = alert.status() == AlertStatus.FIRING;
        if (held == null) {
            TransitionKind kind = firing ? TransitionKind.FIRED : TransitionKind.RESOLVED;
            return Optional.of(outcome(kind, alert, at, firing ? null : at, 0, false));
        }
        if (held.isSameAs(alert) || alert.startsAt().isBefore(held.startsAt())) {
            return Optional.empty();
        }
        boolean newEpisode = alert.startsAt().isAfter(held.startsAt());
        Instant lastResolved = held.lastResolvedAt();
        if (firing && held.status() == AlertStatus.RESOLVED) {
            boolean flapping = lastResolved != null && !at.isAfter(lastResolved.plus(flapWindow));
            int flapCount = flapping ? held.flapCount() + 1 : held.flapCount();
            return Optional.of(outcome(TransitionKind.REFIRED, alert, at, lastResolved, flapCount, flapping));
        }
        if (firing && newEpisode) {
            // the resolution of the previous episode was never received
            return Optional.of(outcome(TransitionKind.REFIRED, alert, at, lastResolved, held.flapCount(), false));
        }
        if (!firing && (held.status() == AlertStatus.FIRING || newEpisode)) {
            return Optional.of(outcome(TransitionKind.RESOLVED, alert, at, at, held.flapCount(), false));
        }
        return Optional.of(outcome(TransitionKind.CHANGED, alert, at, lastResolved, held.flapCount(), false));
    }

    private static Outcome outcome(
            TransitionKind kind, RawAlert alert, Instant at, Instant lastResolvedAt, int flapCount, boolean flapping) {
        LifecycleState next = new LifecycleState(
                alert.status(),
                alert.startsAt(),
                alert.endsAt(),
                LifecycleState.contentHash(alert),
                lastResolvedAt,
                flapCount);
        return new Outcome(new AlertTransition(kind, alert, at, flapping, flapCount), next);
    }
}
