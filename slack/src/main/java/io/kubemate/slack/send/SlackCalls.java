package io.kubemate.slack.send;

import io.kubemate.slack.message.SlackMessage;

/**
 * The Web API methods Kubemate calls: the queue's two, and the ephemeral reply a failed button click gets.
 * Implementations never throw: failures are a {@link CallResult}.
 */
public interface SlackCalls {
    /** {@code chat.postMessage} to {@code channel}, in the thread of {@code threadTs} when not null. */
    CallResult post(String channel, SlackMessage message, String threadTs);

    /** {@code chat.update} of message {@code ts} in {@code channelId}. */
    CallResult update(String channelId, String ts, SlackMessage message);

    /** {@code chat.postEphemeral}: {@code text} (mrkdwn, already escaped) shown only to {@code userId} in the channel. */
    CallResult ephemeral(String channelId, String userId, String text);
}
