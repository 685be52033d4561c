package io.kubemate.core.error;

import java.time.Duration;

/** A dependency (Kafka, a backend) could not be reached within the bounded time. Callers answer 503. */
public class UnavailableException extends RetriableException {
    private final Duration retryAfter;

    public UnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long a client should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
