package io.kubemate.slack;

import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.SummaryFeedback;
import io.kubemate.core.rca.SummaryView;
import io.kubemate.core.redact.Redactor;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.slack.interact.AlertmanagerSilences;
import io.kubemate.slack.interact.ButtonActions;
import io.kubemate.slack.interact.ButtonClick;
import io.kubemate.slack.interact.RequestSignature;
import io.kubemate.slack.interact.SlackRoutes;
import io.kubemate.slack.interact.SlashCommand;
import io.kubemate.slack.message.ChannelRouter;
import io.kubemate.slack.message.IncidentMessages;
import io.kubemate.slack.message.Links;
import io.kubemate.slack.message.Mrkdwn;
import io.kubemate.slack.send.CallResult;
import io.kubemate.slack.send.SdkSlackCalls;
import io.kubemate.slack.send.SendQueue;
import io.kubemate.webhooks.http.Route;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack app: the notifier (one message per incident, updated in place, with a thread for evidence and the
 * summary) and the {@code /slack/*} routes for buttons and {@code /kubemate}. Built by the composition root only when
 * {@link SlackSettings#isEnabled()}; its {@link #routes()} go to {@code KubemateHttpServer.builder(...).routes(...)}.
 * Lifecycle: construct, {@link #start()}, {@link #close()}.
 */
public final class SlackApp implements AutoCloseable {
    private final SendQueue queue;
    private static final Logger LOG = LoggerFactory.getLogger(SlackApp.class);

    private final SlackSettings settings;
    private final KafkaMessageRefs refs;
    private final SdkSlackCalls calls;
    private final SlackNotifier notifier;
    private final SlackRoutes routes;
    private final ThreadPoolExecutor clicks;

    public SlackApp(
            SlackSettings settings,
            IncidentView view,
            EvidenceView evidence,
            SummaryView summaries,
            IncidentSink sink,
            SummaryFeedback feedback) {
        this.settings = settings;
        Clock clock = Clock.systemUTC();
        Mrkdwn mrkdwn = new Mrkdwn(new Redactor());
        Links links = new Links(
                settings.publicUrl(),
                settings.alertmanagerUrl(),
                settings.grafanaUrl(),
                settings.lokiUrl(),
                settings.jaegerUrl());
        this.refs = new KafkaMessageRefs(settings);
        this.calls = new SdkSlackCalls(settings.apiUrl(), settings.botToken());
        SendQueue queue = new SendQueue(calls, refs, settings.perChannelInterval(), clock);
        this.queue = queue;
        IncidentMessenger messenger = new IncidentMessenger(
                new IncidentMessages(mrkdwn, links, settings.alertmanager().isPresent()),
                new ChannelRouter(settings.rules(), settings.defaultChannel()),
                view,
                evidence,
                summaries,
                refs,
                queue);
        this.notifier = new SlackNotifier(settings, messenger, queue, view::isCaughtUp, clock);
        this.clicks = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(200), r -> {
            Thread thread = new Thread(r, "kubemate-slack-actions");
            thread.setDaemon(true);
            return thread;
        });
        ButtonActions actions = new ButtonActions(
                view,
                sink,
                feedback,
                settings.alertmanager().map(url -> new AlertmanagerSilences(url, JsonSerde.newMapper(), clock)),
                clock,
                this::tell);
        this.routes = new SlackRoutes(
                new RequestSignature(settings.signingSecret()),
                clock,
                actions::apply,
                new SlashCommand(view, mrkdwn, links),
                JsonSerde.newMapper(),
                clicks);
    }

    /** Posts, updates and thread replies waiting in the send queue (for {@code /metrics}). */
    public int queueDepth() {
        return queue.pending();
    }

    /** {@code POST /slack/interactions} and {@code POST /slack/commands}. */
    public List<Route> routes() {
        return routes.routes();
    }

    /** A failed click, told to its user alone; outside the send queue (chat.postEphemeral has its own limit). */
    private void tell(ButtonClick click, String text) {
        if (click.channelId().isBlank() || click.userId().isBlank()) {
            LOG.warn("Slack: cannot tell the user of a failed click: the payload named no channel or user");
            return;
        }
        CallResult result = calls.ephemeral(click.channelId(), click.userId(), text);
        if (result.outcome() != CallResult.Outcome.OK) {
            LOG.warn("Slack: chat.postEphemeral to {} failed: {}", click.channelId(), result.error());
        }
    }

    /** Reads the message refs, then starts the notifier. */
    public SlackApp start() {
        refs.load();
        notifier.start();
        LOG.info("Slack: notifying {}", settings);
        if (settings.signingSecret().isBlank()) {
            LOG.warn("Slack: KUBEMATE_SLACK_SIGNING_SECRET is not set; buttons and /kubemate are refused (401)");
        }
        return this;
    }

    @Override
    public void close() {
        notifier.close();
        clicks.shutdown();
        try {
            clicks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            calls.close();
        } catch (Exception e) {
            LOG.debug("closing the Slack client: {}", e.toString());
        }
        refs.close();
    }
}
