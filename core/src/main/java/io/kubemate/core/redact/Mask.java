package io.kubemate.core.redact;

/** How a secret found in the text is written out instead of it. */
@FunctionalInterface
interface Mask {
    /** {@code [REDACTED:<kind>]}: the default, what {@link Redactor#redact(String)} writes. */
    Mask LABEL = (kind, secret) -> "[REDACTED:" + kind + "]";

    /** The text that replaces {@code secret}; must start with {@code [REDACTED} so later passes leave it alone. */
    String apply(String kind, String secret);
}
