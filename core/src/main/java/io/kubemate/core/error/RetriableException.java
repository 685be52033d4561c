package io.kubemate.core.error;

/** A transient fault (timeout, unavailable dependency, rate limit): the same call may succeed later. */
public class RetriableException extends KubemateException {
    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
