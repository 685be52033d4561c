package io.kubemate.ingest.pull;

import io.kubemate.core.error.KubemateException;

/**
 * A backend refused the query itself with a 4xx answer (bad query, unknown parameter, wrong credentials). Sending the
 * same query again will not help, and the backend is alive.
 */
final class QueryRejectedException extends KubemateException {
    private final int statusCode;

    QueryRejectedException(String message, int statusCode) {
        super(message);
        this.statusCode = statusCode;
    }

    /** The HTTP status the backend answered with. */
    int statusCode() {
        return statusCode;
    }
}
