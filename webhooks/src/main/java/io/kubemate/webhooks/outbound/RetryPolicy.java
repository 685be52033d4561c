package io.kubemate.webhooks.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How often and how patiently a delivery is retried: exponential backoff with full jitter (the wait before attempt
 * {@code n + 1} is uniform in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}), at most {@code maxAttempts} attempts.
 * A receiver's {@code Retry-After} replaces the drawn wait, capped at {@code maxDelay}.
 *
 * @param maxAttempts attempts per delivery, including the first (1 to 20)
 * @param baseDelay the first backoff ceiling
 * @param maxDelay the largest wait between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be from 1 to 20, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay");
        }
    }

    /** 8 attempts, 5 s first ceiling, 5 min cap: at most about 10 minutes of waiting in all. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay);
    }

    /** The ceiling of the wait after failed attempt {@code attempt} (1-based). */
    Duration ceiling(int attempt) {
        long base = baseDelay.toMillis();
        int shift = Math.min(attempt - 1, 30);
        long ceiling = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        return Duration.ofMillis(Math.min(ceiling, maxDelay.toMillis()));
    }

    /** The wait after failed attempt {@code attempt}, {@code random} drawing from {@code [0, 1)}. */
    Duration delay(int attempt, DoubleSupplier random) {
        return Duration.ofMillis((long) (ceiling(attempt).toMillis() * random.getAsDouble()));
    }

    /** The wait a receiver asked for, within the cap. */
    Duration honour(Duration retryAfter) {
        return retryAfter.isNegative() ? Duration.ZERO : retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
    }
}
