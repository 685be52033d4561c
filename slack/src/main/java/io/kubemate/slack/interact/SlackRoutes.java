package io.kubemate.slack.interact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
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
            for (JsonNode action : json.path("actions")) {
                clicks.add(new ButtonClick(
                        action.path("action_id").asText(""),
                        action.path("value").asText(""),
                        user.path("id").asText(""),
                        user.path("username").asText(user.path("name").asText(""))));
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
        return FormBody.parse(raw);
    }
}
