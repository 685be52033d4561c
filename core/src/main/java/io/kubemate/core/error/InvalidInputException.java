package io.kubemate.core.error;

/**
 * Input that can never be accepted as it is. {@link #field()} names the offending field as a JSON pointer
 * (for example {@code /alerts/3/labels}), so the HTTP edge can say exactly what is wrong.
 */
public class InvalidInputException extends KubemateException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
