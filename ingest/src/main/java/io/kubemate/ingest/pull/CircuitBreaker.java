package io.kubemate.ingest.pull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips a backend that keeps failing. After {@code threshold} consecutive failures it opens for {@code base}; then one
 * trial query is let through: success closes it, failure opens it again for twice as long, up to {@code max}.
 * Thread-safe.
 */
final class CircuitBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    /** Where the breaker stands. */
    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final String name;
    private final int threshold;
    private final Duration base;
    private final Duration max;
    private final Clock clock;

    private State state = State.CLOSED;
    private int failures;
    private int opens;
    private Instant openUntil = Instant.EPOCH;
    private boolean trialInFlight;

    CircuitBreaker(String name, int threshold, Duration base, Duration max, Clock clock) {
        this.name = name;
        this.threshold = threshold;
        this.base = base;
        this.max = max;
        this.clock = clock;
    }

    /** Whether a query may go out now. A true answer must be followed by one of the {@code on...} calls. */
    synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.instant().isBefore(openUntil)) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    /** The backend answered (also a 4xx: it is alive). */
    synchronized void onSuccess() {
        if (state != State.CLOSED) {
            LOG.info("{} answers again; querying it again", name);
        }
        state = State.CLOSED;
        failures = 0;
        opens = 0;
        trialInFlight = false;
    }

    /** The backend timed out, refused, answered 5xx or garbage. */
    synchronized void onFailure() {
        trialInFlight = false;
        failures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= threshold)) {
            opens++;
            Duration backoff = backoff();
            openUntil = clock.instant().plus(backoff);
            state = State.OPEN;
            LOG.warn("{} failed {} times in a row; skipping it for {} ms", name, failures, backoff.toMillis());
        }
    }

    /** The query was abandoned before it told anything (cancelled at the request deadline). */
    synchronized void onAbandon() {
        trialInFlight = false;
    }

    synchronized State state() {
        return state;
    }

    /** Why queries are skipped: {@code circuit open after 3 failures; next try in 10 s}. */
    synchronized String describe() {
        long wait = Math.max(0, Duration.between(clock.instant(), openUntil).toMillis());
        return "circuit open after " + failures + " consecutive failures"
                + (state == State.OPEN
                        ? "; next try in " + Texts.duration(wait * 1_000_000L)
                        : "; trial query running");
    }

    private Duration backoff() {
        int doublings = Math.min(opens - 1, 30);
        try {
            Duration d = base.multipliedBy(1L << doublings);
            return d.compareTo(max) > 0 ? max : d;
        } catch (ArithmeticException e) {
            return max;
        }
    }
}
