package io.kubemate.rag.redact;

import java.util.EnumSet;
import java.util.Set;

/** Personal data a {@link Pseudonymizer} can be told to replace besides secrets, which it always replaces. */
public enum PiiKind {
    /** E-mail addresses, as {@code <email:N>}. */
    EMAIL,
    /** IPv4 addresses, as {@code <ip:N>}. */
    IPV4,
    /** IPv6 addresses, as {@code <ip:N>}. */
    IPV6;

    /** Every kind. */
    public static Set<PiiKind> all() {
        return EnumSet.allOf(PiiKind.class);
    }
}
