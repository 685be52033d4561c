package io.kubemate.webhooks.outbound;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the wait and returns at once. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    /** Waits {@code duration}; an interrupt (shutdown) ends the wait with the exception. */
    void sleep(Duration duration) throws InterruptedException;
}
