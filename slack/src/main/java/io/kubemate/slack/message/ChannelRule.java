package io.kubemate.slack.message;

import io.kubemate.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One routing rule: incidents whose labels have {@code label=value} go to {@code channel}. The labels an incident has
 * are its scope, its alerts' labels and {@code severity} (its own severity).
 */
public record ChannelRule(String label, String value, String channel) {
    public ChannelRule {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(channel, "channel");
    }

    /** Whether an incident with {@code labels} matches. */
    boolean matches(Map<String, ? extends java.util.Collection<String>> labels) {
        var values = labels.get(label);
        return values != null && values.contains(value);
    }

    /**
     * Parses {@code label=value:channel;label=value:channel}; blank gives no rules.
     *
     * @throws InvalidInputException naming the rule that is malformed
     */
    public static List<ChannelRule> parse(String text) {
        List<ChannelRule> rules = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return rules;
        }
        for (String part : text.split(";")) {
            String rule = part.strip();
            if (rule.isEmpty()) {
                continue;
            }
            int eq = rule.indexOf('=');
            int colon = rule.indexOf(':', Math.max(eq, 0));
            if (eq < 1 || colon < 0 || colon == rule.length() - 1) {
                throw new InvalidInputException(
                        "KUBEMATE_SLACK_ROUTES", "expected label=value:channel, got '" + rule + "'");
            }
            rules.add(new ChannelRule(
                    rule.substring(0, eq).strip(),
                    rule.substring(eq + 1, colon).strip(),
                    rule.substring(colon + 1).strip()));
        }
        return rules;
    }

    @Override
    public String toString() {
        return label + "=" + value + ":" + channel;
    }
}
