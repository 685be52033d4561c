package io.kubemate.app.it;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Waits on a condition with a deadline; never a bare sleep-and-hope. */
final class Await {
    private Await() {}

    /** Polls {@code condition} until it is true, failing with {@code what} after {@code timeout}. */
    static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        AssertionError error = new AssertionError("timed out after " + timeout + " waiting for " + what);
        if (last != null) {
            error.initCause(last);
        }
        throw error;
    }
}
