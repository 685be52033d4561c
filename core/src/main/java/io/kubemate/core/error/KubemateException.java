package io.kubemate.core.error;

/** Root of every exception Kubemate throws on purpose. Subclasses say what the caller can do about it. */
public class KubemateException extends RuntimeException {
    public KubemateException(String message) {
        super(message);
    }

    public KubemateException(String message, Throwable cause) {
        super(message, cause);
    }
}
