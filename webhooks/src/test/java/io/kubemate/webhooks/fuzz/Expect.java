package io.kubemate.webhooks.fuzz;

/** What the generator knows about a case's answer. */
enum Expect {
    /** Certainly malformed: 400 with a problem naming the field. */
    INVALID,
    /** Hostile but possibly valid (a mutation can leave a valid body): 400, or 2xx with exactly its records. */
    INVALID_OR_VALID,
    /** Larger than the body limit as sent, or than the inflate limit: 413. */
    TOO_LARGE,
    /** A media type or content encoding the receiver does not read: 415. */
    UNSUPPORTED
}
