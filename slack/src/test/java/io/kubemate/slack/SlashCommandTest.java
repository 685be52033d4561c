package io.kubemate.slack;

import static io.kubemate.slack.TestIncidents.id;
import static io.kubemate.slack.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.redact.Redactor;
import io.kubemate.slack.interact.SlashCommand;
import io.kubemate.slack.message.IncidentMessages;
import io.kubemate.slack.message.Links;
import io.kubemate.slack.message.Mrkdwn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlashCommandTest {
    private final TestIncidents views = new TestIncidents();
    private final Links links = new Links("http://kubemate.test", "", "", "", "");
    private final SlashCommand command = new SlashCommand(views, new Mrkdwn(new Redactor()), links);

    @Test
    void listShowsActiveIncidentsAndShowOneWithItsAlerts() {
        views.put(incident(1, 1, 2, "shop"));
        views.put(incident(2, 1, IncidentStatus.RESOLVED, 1, "shop", List.of()));

        assertThat(command.answer("list"))
                .contains("<http://kubemate.test/#/incidents/" + id(1).value() + "|" + id(1).value() + ">")
                .contains("critical, open, 2 alerts (2 firing)")
                .doesNotContain(id(2).value());
        assertThat(command.answer("show " + id(2).value())).contains("resolved").contains("HighErrorRate (firing)");
        assertThat(command.answer("show inc-0000000000000099")).isEqualTo("No incident inc-0000000000000099.");
        assertThat(command.answer("help")).startsWith("Usage:");
    }

    @Test
    void aHostileTitleCannotMentionTheChannelInTheNotificationText() {
        Incident base = incident(3, 1, 1, "shop");
        Incident hostile = new Incident(
                base.id(),
                1,
                base.status(),
                "<!channel> pay now & <https://evil|x>",
                base.severity(),
                base.scope(),
                base.scopeKey(),
                base.services(),
                1,
                1,
                base.openedAt(),
                base.updatedAt(),
                null,
                base.alerts(),
                List.of(),
                0);
        var messages = new IncidentMessages(new Mrkdwn(new Redactor()), links, false);
        var message = messages.message(hostile, Optional.<IncidentEvidence>empty(), Optional.empty());
        assertThat(message.text())
                .contains("&lt;!channel&gt; pay now &amp; &lt;https://evil|x&gt;")
                .doesNotContain("<!");
        assertThat(message.blocksJson()).doesNotContain("incident.silence"); // no Alertmanager configured
    }
}
