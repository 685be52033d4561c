package io.kubemate.slack.send;

import io.kubemate.slack.message.SlackMessage;

/** The two Web API methods the queue uses. Implementations never throw: failures are a {@link CallResult}. */
public interface SlackCalls {
    /** {@code chat.postMessage} to {@code channel}, in the thread of {@code threadTs} when not null. */
    CallResult post(String channel, SlackMessage message, String threadTs);

    /** {@code chat.update} of message {@code ts} in {@code channelId}. */
    CallResult update(String channelId, String ts, SlackMessage message);
}
