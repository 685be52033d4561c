package io.kubemate.webhooks.fuzz;

/**
 * A generated body and what the generator knows about it.
 *
 * @param kind a short name of the generator, for the report and failure messages
 */
record Hostile(String kind, byte[] body, Expect expect) {
    static Hostile invalid(String kind, byte[] body) {
        return new Hostile(kind, body, Expect.INVALID);
    }

    static Hostile maybe(String kind, byte[] body) {
        return new Hostile(kind, body, Expect.INVALID_OR_VALID);
    }

    /** The same body, but certainly too large when longer than {@code maxBodyBytes}. */
    Hostile sizedFor(long maxBodyBytes) {
        return body.length > maxBodyBytes ? new Hostile(kind, body, Expect.TOO_LARGE) : this;
    }
}
