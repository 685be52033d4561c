package io.kubemate.slack.interact;

import java.util.Objects;

/**
 * One button a person clicked on an incident message.
 *
 * @param actionId which button ({@code incident.ack}, ...)
 * @param value the button's value: the incident id, or the summary id for the rating buttons
 * @param userId the Slack user id
 * @param userName the Slack user name
 */
public record ButtonClick(String actionId, String value, String userId, String userName) {
    public ButtonClick {
        Objects.requireNonNull(actionId, "actionId");
        value = value == null ? "" : value;
        userId = userId == null ? "" : userId;
        userName = userName == null || userName.isBlank() ? userId : userName;
    }

    /** How the actor is recorded on the timeline: {@code jane (slack:U0JANE01)}; the message shows it as a mention. */
    public String actor() {
        return userName + " (slack:" + userId + ")";
    }
}
