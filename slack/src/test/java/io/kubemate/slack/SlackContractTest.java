package io.kubemate.slack;

import static io.kubemate.slack.TestIncidents.T0;
import static io.kubemate.slack.TestIncidents.id;
import static io.kubemate.slack.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.redact.Redactor;
import io.kubemate.slack.SlackStandIn.Call;
import io.kubemate.slack.message.ChannelRouter;
import io.kubemate.slack.message.ChannelRule;
import io.kubemate.slack.message.IncidentMessages;
import io.kubemate.slack.message.Links;
import io.kubemate.slack.message.Mrkdwn;
import io.kubemate.slack.send.CallResult;
import io.kubemate.slack.send.MessageRefs;
import io.kubemate.slack.send.SdkSlackCalls;
import io.kubemate.slack.send.SendQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier and its send queue against a local stand-in of Slack's Web API, reached through the SDK's endpoint
 * prefix: what is posted, updated and replied, in which order and how fast per channel. Time is a fake clock the test
 * moves to whenever the queue says the next call is due, so rate limits are checked exactly and without sleeping.
 */
class SlackContractTest {
    private static final Duration PER_CHANNEL = Duration.ofSeconds(1);

    private final FakeClock clock = new FakeClock(T0);
    private final TestIncidents views = new TestIncidents();
    private final MessageRefs refs = MessageRefs.inMemory();
    private SlackStandIn slack;
    private SdkSlackCalls calls;
    private SendQueue queue;
    private IncidentMessenger messenger;

    @BeforeEach
    void start() throws Exception {
        slack = new SlackStandIn(clock);
        calls = new SdkSlackCalls(slack.apiUrl(), "xoxb-test-token");
        queue = new SendQueue(calls, refs, PER_CHANNEL, clock);
        messenger = messenger();
    }

    private IncidentMessenger messenger() {
        List<ChannelRule> rules = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            rules.add(new ChannelRule("namespace", "ns-" + c, "#ch-" + c));
        }
        return new IncidentMessenger(
                new IncidentMessages(
                        new Mrkdwn(new Redactor()),
                        new Links("http://kubemate.test", "http://127.0.0.1:9093", "", "", ""),
                        true),
                new ChannelRouter(rules, "#incidents"),
                views,
                views,
                views,
                refs,
                queue);
    }

    @AfterEach
    void stop() throws Exception {
        calls.close();
        slack.close();
    }

    /** Runs the queue until it is idle, moving the clock to each next due time. */
    private void drain() {
        for (int i = 0; i < 100_000; i++) {
            Optional<Instant> next = queue.runDue();
            if (next.isEmpty()) {
                return;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
        }
        fail("the queue never became idle");
    }

    @Test
    void oneIncidentIsPostedOnceThenUpdatedInPlaceOnMaterialChangesOnly() {
        messenger.changed(incident(1, 1, 1, "shop"));
        drain();
        assertThat(slack.calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("chat.postMessage");
            assertThat(call.channelId()).isEqualTo(slack.channelId("#incidents"));
            assertThat(call.blocks())
                    .contains("payments: charge failures (critical)")
                    .contains("*1 alert*");
        });
        String ts = slack.calls().get(0).ts();

        messenger.changed(incident(1, 2, 3, "shop"));
        drain();
        messenger.changed(incident(1, 3, 3, "shop")); // a new version, nothing material changed
        drain();
        var ack = new TimelineEntry(T0.plusSeconds(360), TimelineKind.ACKNOWLEDGED, null, "jane (slack:U0JANE01)", "");
        messenger.changed(incident(1, 4, IncidentStatus.ACKNOWLEDGED, 3, "shop", List.of(ack)));
        drain();

        List<Call> all = slack.calls();
        assertThat(all).extracting(Call::method).containsExactly("chat.postMessage", "chat.update", "chat.update");
        assertThat(all.subList(1, 3)).allSatisfy(call -> {
            assertThat(call.ts()).isEqualTo(ts);
            assertThat(call.channelId()).isEqualTo(slack.channelId("#incidents"));
        });
        assertThat(all.get(1).blocks()).contains("*3 alerts*").contains("KubePodCrashLooping x2");
        assertThat(all.get(2).blocks())
                .contains("Acknowledged by <@U0JANE01>")
                .doesNotContain("incident.ack"); // no Acknowledge button once acknowledged

        // a restart: a new messenger over the same refs updates the same message instead of posting again
        messenger = messenger();
        messenger.changed(incident(1, 5, IncidentStatus.RESOLVED, 3, "shop", List.of(ack)));
        drain();
        assertThat(slack.calls()).hasSize(4).last().satisfies(call -> {
            assertThat(call.method()).isEqualTo("chat.update");
            assertThat(call.ts()).isEqualTo(ts);
            assertThat(call.blocks()).contains(":white_check_mark:");
        });
    }

    @Test
    void evidenceAndSummaryGoToTheThreadOnceEachAndTelemetryTextCannotMakeLinksOrMentions() {
        messenger.changed(views.put(incident(2, 1, 2, "shop")));
        String hostile = "<!channel> pool exhausted, see <http://evil.example|here> & password=hunter2";
        views.evidence.put(
                id(2).value(),
                new IncidentEvidence(
                        id(2).value(),
                        1,
                        T0,
                        List.of(item("E1", hostile), item("E2", "HikariPool timeout")),
                        List.of(new ProbableOrigin(
                                "payments", 3.0, List.of("origin of 14 of 15 erroring traces (E1)")))));
        views.summaries.put(id(2).value(), summary(2, 1));
        messenger.refresh(Instant.EPOCH);
        drain();
        messenger.refresh(Instant.EPOCH); // nothing new: nothing sent
        drain();

        List<Call> all = slack.calls();
        assertThat(all).hasSize(3); // the post (already showing origin and summary), evidence, summary replies
        String ts = all.get(0).ts();
        assertThat(all.get(0).blocks()).contains("Probable origin:* payments").contains("summary.helpful");
        List<Call> replies = all.stream().filter(c -> ts.equals(c.threadTs())).toList();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).blocks())
                .contains("*E1*", "*E2*", "&lt;!channel&gt;", "&lt;http://evil.example|here&gt; &amp;")
                .doesNotContain("<!channel>", "<http://evil", "hunter2");
        assertThat(replies.get(1).blocks())
                .contains("DB connection pool exhaustion")
                .contains("Next steps");

        // one more evidence item: one more reply with only it
        views.evidence.put(
                id(2).value(),
                new IncidentEvidence(
                        id(2).value(),
                        2,
                        T0,
                        List.of(item("E1", hostile), item("E2", "x"), item("E3", "deploy payments v42")),
                        List.of()));
        messenger.refresh(Instant.EPOCH);
        drain();
        List<Call> later = slack.calls().subList(3, slack.calls().size());
        assertThat(later)
                .filteredOn(c -> ts.equals(c.threadTs()))
                .singleElement()
                .satisfies(c -> assertThat(c.blocks()).contains("*E3*").doesNotContain("*E1*"));
    }

    @Test
    void aBurstOf200IncidentsOver5ChannelsKeepsEveryChannelWithinItsLimitAndPostsEveryIncidentOnce() {
        slack.rateLimitEvery = 17; // Slack also says "ratelimited" now and then, with Retry-After: 2
        for (int n = 0; n < 100; n++) {
            messenger.changed(incident(n, 1, 1, "ns-" + (n % 5)));
        }
        drain();
        int before = slack.calls().size();
        // then the first 100 get noisy (two changes each) while 100 new incidents arrive
        for (int n = 0; n < 100; n++) {
            messenger.changed(incident(n, 2, 2, "ns-" + (n % 5)));
            messenger.changed(incident(n, 3, 3, "ns-" + (n % 5)));
            messenger.changed(incident(100 + n, 1, 1, "ns-" + (n % 5)));
        }
        drain();

        List<Call> all = slack.calls();
        assertThat(slack.violations())
                .as("calls to a channel sooner than 1 s after the last")
                .isZero();
        Map<String, List<Call>> byChannel = all.stream().collect(Collectors.groupingBy(Call::channelId));
        assertThat(byChannel).hasSize(5);
        for (List<Call> channel : byChannel.values()) {
            for (int i = 1; i < channel.size(); i++) {
                Duration gap =
                        Duration.between(channel.get(i - 1).at(), channel.get(i).at());
                Duration least = channel.get(i - 1).status() == 429 ? slack.retryAfter : PER_CHANNEL;
                assertThat(gap)
                        .as("gap before call %d of %s", i, channel.get(i).channelId())
                        .isGreaterThanOrEqualTo(least);
            }
        }
        assertThat(all.stream().filter(c -> c.status() == 429)).isNotEmpty();
        // every incident's first message, exactly once
        Map<String, Long> posts = all.stream()
                .filter(Call::isTopLevelPost)
                .collect(Collectors.groupingBy(c -> c.text().substring(0, 20), Collectors.counting()));
        assertThat(posts).hasSize(200).allSatisfy((incident, count) -> assertThat(count)
                .isEqualTo(1L));
        // second phase: per channel, every new incident's post went before any update of the noisy ones
        Map<String, List<Call>> phase2 = all.subList(before, all.size()).stream()
                .filter(c -> c.status() == 200)
                .collect(Collectors.groupingBy(Call::channelId));
        for (List<Call> channel : phase2.values()) {
            int lastPost = -1;
            int firstUpdate = Integer.MAX_VALUE;
            for (int i = 0; i < channel.size(); i++) {
                if (channel.get(i).method().equals("chat.update")) {
                    firstUpdate = Math.min(firstUpdate, i);
                } else {
                    lastPost = i;
                }
            }
            assertThat(lastPost).isLessThan(firstUpdate);
        }
        // the noisy incidents' two changes were coalesced: one update each, showing the newest
        Map<String, List<Call>> updates = all.stream()
                .filter(c -> c.method().equals("chat.update") && c.status() == 200)
                .collect(Collectors.groupingBy(Call::ts));
        assertThat(updates).hasSize(100).allSatisfy((ts, list) -> {
            assertThat(list).hasSize(1);
            assertThat(list.get(0).blocks()).contains("*3 alerts*");
        });
    }

    @Test
    void aNoisyIncidentDoesNotDelayAnotherIncidentsFirstPost() {
        messenger.changed(incident(1, 1, 1, "ns-0"));
        drain();
        for (int v = 2; v < 50; v++) {
            messenger.changed(incident(1, v, v, "ns-0"));
        }
        messenger.changed(incident(2, 1, 1, "ns-0"));
        drain();
        assertThat(slack.calls())
                .extracting(c -> c.method() + " " + c.text().substring(0, 20))
                .containsExactly(
                        "chat.postMessage " + id(1).value(),
                        "chat.postMessage " + id(2).value(),
                        "chat.update " + id(1).value());
        assertThat(slack.calls().get(2).blocks()).contains("*49 alerts*");
    }

    @Test
    void serverErrorsAreRetriedWithGrowingPausesAndPostOnce() {
        slack.serverErrors = 2;
        messenger.changed(incident(3, 1, 1, "shop"));
        drain();
        List<Call> all = slack.calls();
        assertThat(all).extracting(Call::status).containsExactly(500, 500, 200);
        assertThat(Duration.between(all.get(0).at(), all.get(1).at())).isGreaterThanOrEqualTo(PER_CHANNEL);
        assertThat(Duration.between(all.get(1).at(), all.get(2).at()))
                .isGreaterThanOrEqualTo(PER_CHANNEL.multipliedBy(2));
        assertThat(refs.find(id(3).value())).isPresent();
    }

    @Test
    void aFailedClickIsToldToItsUserAloneWithChatPostEphemeral() {
        CallResult result = calls.ephemeral("C0INC", "U0JANE01", ":warning: *Acknowledge* on x failed: &lt;y&gt;.");

        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.OK);
        assertThat(slack.calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("chat.postEphemeral");
            assertThat(call.channelId()).isEqualTo("C0INC");
            assertThat(call.user()).isEqualTo("U0JANE01");
            assertThat(call.text()).isEqualTo(":warning: *Acknowledge* on x failed: &lt;y&gt;.");
        });
        slack.serverErrors = 1;
        assertThat(calls.ephemeral("C0INC", "U0JANE01", "again").outcome())
                .as("a 500 is reported, not thrown")
                .isEqualTo(CallResult.Outcome.RETRY);
    }

    private static EvidenceItem item(String id, String line) {
        return new EvidenceItem(
                id,
                "log-template/payments/" + id,
                EvidenceKind.LOG_TEMPLATE,
                "loki-push",
                "payments",
                T0,
                T0.plusSeconds(60),
                "errors in payments",
                List.of(line),
                new HashMap<>());
    }

    private static IncidentSummary summary(int n, long sequence) {
        return new IncidentSummary(
                id(n).value(),
                sequence,
                "llm",
                "payments DB connection pool exhaustion [E2]",
                new IncidentSummary.RootCause("payments", "HikariPool timeouts [E2]"),
                0.8,
                List.of("E2", "S1"),
                List.of("check the pool size"),
                List.of(new IncidentSummary.Similar("S1", id(99).value(), 0.9, "raised the pool to 50")),
                List.of(),
                false,
                IncidentSummary.ModelInfo.NONE,
                true,
                "",
                T0);
    }
}
