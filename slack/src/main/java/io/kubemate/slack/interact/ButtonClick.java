package io.kubemate.slack.interact;

import java.util.Objects;

/**
 * One button a person clicked on an incident message.
 *
 * @param actionId which button ({@code incident.ack}, ...)
 * @param value the button's value: the incident id, or the summary id for the rating buttons
 * @param userId the Slack user id
 * @param userName the Slack user name
 * @param channelId the channel the message is in (empty when Slack did not say), where a failure is told to the user
 */
public record ButtonClick(String actionId, String value, String userId, String userName, String channelId) {
    public ButtonClick {
        Objects.requireNonNull(actionId, "actionId");
        value = value == null ? "" : value;
        userId = userId == null ? "" : userId;
        userName = userName == null || userName.isBlank() ? userId : userName;
        channelId = channelId == null ? "" : channelId;
    }

    /** A click whose channel is not known. */
    public ButtonClick(String actionId, String value, String userId, String userName) {
        this(actionId, value, userId, userName, "");
    }

    /** How the actor is recorded on the timeline: {@code jane (slack:U0JANE01)}; the message shows it as a mention. */
    public String actor() {
        return userName + " (slack:" + userId + ")";
    }
}
