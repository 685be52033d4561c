package io.kubemate.webhooks.http;

import io.javalin.http.Handler;
import io.kubemate.core.error.UnavailableException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts requests being served so that closing can stop taking new ones and wait for the running ones. */
final class InFlight {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;
    private boolean draining;

    Handler guard(Handler handler) {
        return ctx -> {
            enter();
            try {
                handler.handle(ctx);
            } finally {
                exit();
            }
        };
    }

    /** From now on new requests get 503; returns whether every running one finished within {@code timeout}. */
    boolean drain(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            draining = true;
            long remaining = timeout.toNanos();
            while (running > 0 && remaining > 0) {
                remaining = idle.awaitNanos(remaining);
            }
            return running == 0;
        } finally {
            lock.unlock();
        }
    }

    private void enter() {
        lock.lock();
        try {
            if (draining) {
                throw new UnavailableException("the server is shutting down", RETRY_AFTER, null);
            }
            running++;
        } finally {
            lock.unlock();
        }
    }

    private void exit() {
        lock.lock();
        try {
            running--;
            if (running == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
