package io.kubemate.slack.interact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.webhooks.http.Route;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * {@code POST /slack/interactions} (button clicks) and {@code POST /slack/commands} ({@code /kubemate}). Both verify
 * Slack's {@code v0} signature on the raw body first (401 problem otherwise). Clicks are answered at once with an
 * empty 200 and applied ({@code actions}, e.g. {@link ButtonActions#apply}) on {@code executor}, well within Slack's 3 s; commands answer an ephemeral text from memory.
 */
public final class SlackRoutes {
    /** Clicks taken from one request, and the longest id, value or user name kept. */
    static final int MAX_ACTIONS = 5;

    static final int MAX_FIELD_CHARS = 256;

    public static final String INTERACTIONS = "/slack/interactions";
    public static final String COMMANDS = "/slack/commands";

    private final RequestSignature signature;
    private final Clock clock;
    private final Consumer<ButtonClick> actions;
    private final SlashCommand command;
    private final ObjectMapper mapper;
    private final Executor executor;

    public SlackRoutes(
            RequestSignature signature,
            Clock clock,
            Consumer<ButtonClick> actions,
            SlashCommand command,
            ObjectMapper mapper,
            Executor executor) {
        this.signature = signature;
        this.clock = clock;
        this.actions = actions;
        this.command = command;
        this.mapper = mapper;
        this.executor = executor;
    }

    public List<Route> routes() {
        return List.of(Route.post(INTERACTIONS, this::interaction), Route.post(COMMANDS, this::command));
    }

    private void interaction(Context ctx) {
        Map<String, String> form = verified(ctx);
        String payload = form.get("payload");
        if (payload == null || payload.isBlank()) {
            throw new InvalidInputException("payload", "a form field 'payload' with Slack's JSON is required");
        }
        JsonNode json;
        try {
            json = mapper.readTree(payload);
        } catch (IOException e) {
            throw new InvalidInputException("payload", "the payload is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("payload", "the payload is not a JSON object");
        }
        List<ButtonClick> clicks = new ArrayList<>();
        if ("block_actions".equals(json.path("type").asText())) {
            JsonNode user = json.path("user");
            String channelId = cut(json.path("channel")
                    .path("id")
                    .asText(json.path("container").path("channel_id").asText("")));
            for (JsonNode action : json.path("actions")) {
                String actionId = cut(action.path("action_id").asText(""));
                if (actionId.isBlank()) {
                    continue; // nothing Kubemate rendered: not a click on one of its buttons
                }
                clicks.add(new ButtonClick(
                        actionId,
                        cut(action.path("value").asText("")),
                        cut(user.path("id").asText("")),
                        cut(user.path("username").asText(user.path("name").asText(""))),
                        channelId));
                if (clicks.size() == MAX_ACTIONS) {
                    break; // Slack sends one action per click; more is not Slack
                }
            }
        }
        for (ButtonClick click : clicks) {
            try {
                executor.execute(() -> actions.accept(click));
            } catch (RejectedExecutionException e) {
                throw new io.javalin.http.ServiceUnavailableResponse("too many Slack actions at once; try again");
            }
        }
        ctx.status(200).result("");
    }

    private static String cut(String text) {
        return text.length() <= MAX_FIELD_CHARS ? text : text.substring(0, MAX_FIELD_CHARS);
    }

    private void command(Context ctx) {
        Map<String, String> form = verified(ctx);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("response_type", "ephemeral");
        answer.put("text", command.answer(form.getOrDefault("text", "")));
        ctx.json(answer);
    }

    private Map<String, String> verified(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        if (!signature.isValid(
                ctx.header("X-Slack-Request-Timestamp"), raw, ctx.header("X-Slack-Signature"), clock.instant())) {
            throw new UnauthorizedResponse("the Slack request signature is missing, wrong or older than 5 minutes");
        }
        String type = ctx.header("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new UnsupportedMediaTypeResponse("Slack sends application/x-www-form-urlencoded, not " + type);
        }
        return FormBody.parse(raw);
    }
}
