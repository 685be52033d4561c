package io.kubemate.slack.send;

import java.time.Duration;

/**
 * How one Web API call went.
 *
 * @param outcome ok, rate limited, worth retrying, or failed for good
 * @param channelId the channel id Slack answered with (on success)
 * @param ts the message ts Slack answered with (on success)
 * @param retryAfter how long to wait, for {@link Outcome#RATE_LIMITED} (Slack's {@code Retry-After})
 * @param error Slack's error code or what failed, empty on success
 */
public record CallResult(Outcome outcome, String channelId, String ts, Duration retryAfter, String error) {
    public enum Outcome {
        OK,
        RATE_LIMITED,
        RETRY,
        FAILED
    }

    public static CallResult ok(String channelId, String ts) {
        return new CallResult(Outcome.OK, channelId, ts, Duration.ZERO, "");
    }

    public static CallResult rateLimited(Duration retryAfter) {
        return new CallResult(Outcome.RATE_LIMITED, "", "", retryAfter, "ratelimited");
    }

    public static CallResult retry(String error) {
        return new CallResult(Outcome.RETRY, "", "", Duration.ZERO, error);
    }

    public static CallResult failed(String error) {
        return new CallResult(Outcome.FAILED, "", "", Duration.ZERO, error);
    }
}
