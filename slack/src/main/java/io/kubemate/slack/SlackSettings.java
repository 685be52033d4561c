package io.kubemate.slack;

import io.kubemate.slack.message.ChannelRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the Slack app. Slack is off (nothing starts) when {@link #botToken()} is blank.
 *
 * @param botToken the bot token ({@code xoxb-...}); never logged
 * @param defaultChannel where incidents go when no rule matches (a channel id or {@code #name}); may be blank
 * @param rules label to channel rules, first match wins ({@code namespace=payments:#payments;severity=critical:#oncall})
 * @param signingSecret the app's signing secret that {@code /slack/*} requests are verified with; blank refuses them all
 * @param apiUrl the Web API methods endpoint prefix ({@code https://slack.com/api/})
 * @param alertmanagerUrl Alertmanager, for links and the Silence button; may be blank
 * @param publicUrl where people reach Kubemate's page, for links; may be blank
 * @param grafanaUrl optional Grafana, for links; may be blank
 * @param lokiUrl optional Loki (or Grafana Explore) for log links; may be blank
 * @param jaegerUrl optional Jaeger UI for trace links; may be blank
 * @param bootstrapServers Kafka
 * @param incidentsTopic the compacted incident snapshots topic
 * @param messagesTopic the compacted topic keeping incident to Slack message (channel, ts)
 * @param groupId the consumer group of the notifier
 * @param perChannelInterval the least time between two calls to one channel (Slack: about one message a second)
 * @param refreshInterval how often tracked incidents are re-rendered to pick up new evidence and summaries
 * @param clientProperties extra Kafka client properties (security)
 */
public record SlackSettings(
        String botToken,
        String defaultChannel,
        List<ChannelRule> rules,
        String signingSecret,
        String apiUrl,
        String alertmanagerUrl,
        String publicUrl,
        String grafanaUrl,
        String lokiUrl,
        String jaegerUrl,
        String bootstrapServers,
        String incidentsTopic,
        String messagesTopic,
        String groupId,
        Duration perChannelInterval,
        Duration refreshInterval,
        Map<String, String> clientProperties) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_MESSAGES_TOPIC = "kubemate.slack.messages";

    public SlackSettings {
        botToken = blankIfNull(botToken);
        defaultChannel = blankIfNull(defaultChannel);
        rules = rules == null ? List.of() : List.copyOf(rules);
        signingSecret = blankIfNull(signingSecret);
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : withSlash(apiUrl.strip());
        alertmanagerUrl = withoutSlash(alertmanagerUrl);
        publicUrl = withoutSlash(publicUrl);
        grafanaUrl = withoutSlash(grafanaUrl);
        lokiUrl = withoutSlash(lokiUrl);
        jaegerUrl = withoutSlash(jaegerUrl);
        Objects.requireNonNull(incidentsTopic, "incidentsTopic");
        messagesTopic = messagesTopic == null || messagesTopic.isBlank() ? DEFAULT_MESSAGES_TOPIC : messagesTopic;
        groupId = groupId == null || groupId.isBlank() ? "kubemate-slack" : groupId;
        perChannelInterval = perChannelInterval == null ? Duration.ofSeconds(1) : perChannelInterval;
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(5) : refreshInterval;
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    /** Whether Slack is on: a bot token is set. */
    public boolean isEnabled() {
        return !botToken.isBlank();
    }

    /** The Silence button needs Alertmanager. */
    public Optional<String> alertmanager() {
        return alertmanagerUrl.isBlank() ? Optional.empty() : Optional.of(alertmanagerUrl);
    }

    @Override
    public String toString() {
        return "SlackSettings[channel=" + defaultChannel + ", rules=" + rules + ", apiUrl=" + apiUrl + ", botToken="
                + (botToken.isBlank() ? "unset" : "***") + ", signingSecret="
                + (signingSecret.isBlank() ? "unset" : "***") + "]";
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text.strip();
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static String withoutSlash(String url) {
        String text = blankIfNull(url);
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
