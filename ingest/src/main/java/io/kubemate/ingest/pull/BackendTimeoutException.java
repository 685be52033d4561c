package io.kubemate.ingest.pull;

import io.kubemate.core.error.UnavailableException;
import java.time.Duration;

/** A backend did not answer (or did not finish answering) within the configured timeout. */
final class BackendTimeoutException extends UnavailableException {
    BackendTimeoutException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}
