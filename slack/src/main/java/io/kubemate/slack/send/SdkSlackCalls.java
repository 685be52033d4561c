package io.kubemate.slack.send;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import io.kubemate.slack.message.SlackMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/** {@link SlackCalls} through the official Java SDK ({@code com.slack.api}), at a configurable endpoint prefix. */
public final class SdkSlackCalls implements SlackCalls, AutoCloseable {
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final Slack slack;
    private final MethodsClient methods;

    /**
     * @param apiUrl the methods endpoint prefix, e.g. {@code https://slack.com/api/}
     * @param botToken the bot token
     */
    public SdkSlackCalls(String apiUrl, String botToken) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        // else every call is preceded by auth.test for team-level metrics
        config.getMethodsConfig().setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        this.slack = Slack.getInstance(config);
        this.methods = slack.methods(botToken);
    }

    @Override
    public CallResult post(String channel, SlackMessage message, String threadTs) {
        return call(
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .text(message.text())
                        .blocks(message.blocks())
                        .threadTs(threadTs)
                        .unfurlLinks(false)
                        .unfurlMedia(false)),
                (ChatPostMessageResponse ok) -> CallResult.ok(ok.getChannel(), ok.getTs()));
    }

    @Override
    public CallResult update(String channelId, String ts, SlackMessage message) {
        return call(
                () -> methods.chatUpdate(
                        r -> r.channel(channelId).ts(ts).text(message.text()).blocks(message.blocks())),
                (ChatUpdateResponse ok) -> CallResult.ok(ok.getChannel(), ok.getTs()));
    }

    @Override
    public CallResult ephemeral(String channelId, String userId, String text) {
        return call(
                () -> methods.chatPostEphemeral(
                        r -> r.channel(channelId).user(userId).text(text)),
                (ChatPostEphemeralResponse ok) -> CallResult.ok(channelId, ok.getMessageTs()));
    }

    /** One Web API call: {@code ok} on success, otherwise Slack's error or the HTTP failure, never thrown. */
    private static <R extends SlackApiTextResponse> CallResult call(Method<R> method, Function<R, CallResult> ok) {
        try {
            R response = method.call();
            return response.isOk() ? ok.apply(response) : error(response);
        } catch (SlackApiException e) {
            return httpError(e);
        } catch (IOException e) {
            return CallResult.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Method<R> {
        R call() throws IOException, SlackApiException;
    }

    private static CallResult error(SlackApiTextResponse response) {
        String error = response.getError() == null ? "unknown" : response.getError();
        return switch (error) {
            case "ratelimited", "rate_limited" -> CallResult.rateLimited(DEFAULT_RETRY_AFTER);
            case "internal_error", "fatal_error", "service_unavailable", "request_timeout" -> CallResult.retry(error);
            default -> CallResult.failed(error);
        };
    }

    /** Slack answers 429 with {@code Retry-After} seconds; 5xx are worth a retry; other statuses are not. */
    private static CallResult httpError(SlackApiException e) {
        int code = e.getResponse().code();
        if (code == 429) {
            return CallResult.rateLimited(retryAfter(e.getResponse().header("Retry-After")));
        }
        return code >= 500 ? CallResult.retry("HTTP " + code) : CallResult.failed("HTTP " + code);
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = header == null ? -1 : Long.parseLong(header.strip());
            return seconds > 0 ? Duration.ofSeconds(Math.min(seconds, 3_600)) : DEFAULT_RETRY_AFTER;
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    @Override
    public void close() throws Exception {
        slack.close();
    }
}
