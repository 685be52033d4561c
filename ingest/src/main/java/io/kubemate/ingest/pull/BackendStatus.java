package io.kubemate.ingest.pull;

import java.util.Locale;
import java.util.Objects;

/**
 * How one backend fared for one enrichment request.
 *
 * @param outcome what happened
 * @param message why, for people; empty when there is nothing to add
 */
public record BackendStatus(Outcome outcome, String message) {
    /** What happened to a backend's part of a request. */
    public enum Outcome {
        /** Every query answered. */
        OK,
        /** At least one query got no answer in time (its timeout or the request's deadline). */
        TIMEOUT,
        /** At least one query failed: refused connection, 4xx, 5xx, an unreadable or oversized answer. */
        ERROR,
        /** Not queried: circuit open after repeated failures, nothing to ask, request dropped from a full queue. */
        SKIPPED,
        /** No URL configured. */
        OFF
    }

    /** The backend answered every query. */
    public static final BackendStatus OK = new BackendStatus(Outcome.OK, "");

    /** The backend is not configured. */
    public static final BackendStatus OFF = new BackendStatus(Outcome.OFF, "");

    public BackendStatus {
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : Texts.oneLine(message, 500);
    }

    /** Whether every query answered. */
    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    /** {@code ok}, {@code off}, or the outcome and message: {@code timeout: loki gave no complete answer ...}. */
    public String describe() {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        return message.isEmpty() ? name : name + ": " + message;
    }
}
