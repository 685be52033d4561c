package io.kubemate.rag.track;

/** How a summary's grounding check went. */
public enum Grounding {
    /** Every claim was backed by evidence at the first attempt. */
    GROUNDED,
    /** The first answer failed the check; the retry passed. */
    RETRIED,
    /** The model's answers failed the check (or the model failed); the extractive summary was used instead. */
    FALLBACK;

    /** Whether the summary that was shown came from the model and passed the check. */
    public boolean isGrounded() {
        return this != FALLBACK;
    }
}
