package io.kubemate.ingest.pull;

import io.kubemate.core.error.KubemateException;

/** An answer was larger than {@link PullSettings#maxResponseBytes()}; it was not read further. */
final class ResponseTooLargeException extends KubemateException {
    ResponseTooLargeException(String message) {
        super(message);
    }
}
