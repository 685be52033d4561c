package io.kubemate.core.error;

/** The thing asked for does not exist (yet). */
public class NotFoundException extends KubemateException {
    public NotFoundException(String message) {
        super(message);
    }
}
