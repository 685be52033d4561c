package io.kubemate.ingest.pull;

import io.kubemate.core.error.KubemateException;

/**
 * A backend answered 2xx with something that is not its documented format (not JSON, wrong envelope, wrong types):
 * usually a proxy's page or a URL that points at the wrong service.
 */
final class MalformedResponseException extends KubemateException {
    MalformedResponseException(String message) {
        super(message);
    }

    MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
