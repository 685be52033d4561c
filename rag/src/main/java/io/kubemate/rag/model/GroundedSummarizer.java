package io.kubemate.rag.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grounded LLM flow shared by the adapters: prompt, ask, check the reply by {@link Grounding}; on problems ask
 * once more with the problems appended; when that fails too, or the LLM errs, fall back to the extractive summary and
 * say why. After the LLM could not be reached it is skipped for a pause, so a missing server costs nothing.
 */
final class GroundedSummarizer implements SummaryModel {
    private static final Logger LOG = LoggerFactory.getLogger(GroundedSummarizer.class);
    private static final int MAX_ECHOED_REPLY_CHARS = 4_000;

    private final ChatModel chat;
    private final String name;
    private final Supplier<String> digest;
    private final PromptBuilder prompts;
    private final ExtractiveSummaryModel fallback;
    private final Clock clock;
    private final Duration unavailablePause;
    private volatile Instant skipUntil = Instant.MIN;
    private final PromptListener listener;

    GroundedSummarizer(
            ChatModel chat,
            String name,
            Supplier<String> digest,
            PromptBuilder prompts,
            Clock clock,
            Duration unavailablePause) {
        this(chat, name, digest, prompts, clock, unavailablePause, PromptListener.NONE);
    }

    GroundedSummarizer(
            ChatModel chat,
            String name,
            Supplier<String> digest,
            PromptBuilder prompts,
            Clock clock,
            Duration unavailablePause,
            PromptListener listener) {
        this.listener = listener;
        this.chat = chat;
        this.name = name;
        this.digest = digest;
        this.prompts = prompts;
        this.fallback = new ExtractiveSummaryModel(clock);
        this.clock = clock;
        this.unavailablePause = unavailablePause;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Summary summarize(SummaryRequest request) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        if (now.isBefore(skipUntil)) {
            return fallback(
                    request,
                    Summary.GroundingOutcome.NOT_CHECKED,
                    name + " skipped: unreachable, next try " + "after " + skipUntil,
                    started,
                    Summary.TokenCounts.NONE);
        }
        Prompt prompt = prompts.build(request);
        List<ChatMessage> messages =
                new ArrayList<>(List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())));
        Summary.TokenCounts tokens = Summary.TokenCounts.NONE;
        Grounding.Result last = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            ChatResponse response;
            try {
                listener.sent(request.incidentId(), "prompt:" + name, transcript(messages));
                response = chat.chat(ChatRequest.builder().messages(messages).build());
            } catch (RuntimeException e) {
                return failed(request, e, started, tokens);
            }
            tokens = tokens.plus(counts(response.tokenUsage()));
            String text = response.aiMessage().text();
            Grounding.Result result = Grounding.check(text, request, prompt);
            if (result.isGrounded()) {
                Summary.GroundingOutcome outcome =
                        attempt == 1 ? Summary.GroundingOutcome.PASSED : Summary.GroundingOutcome.PASSED_ON_RETRY;
                return llmSummary(request, prompt, result.reply().orElseThrow(), outcome, started, tokens);
            }
            last = result;
            messages.add(AiMessage.from(DataText.cut(text == null ? "" : text, MAX_ECHOED_REPLY_CHARS)));
            messages.add(UserMessage.from(correction(result.problems())));
        }
        return fallback(
                request,
                Summary.GroundingOutcome.REJECTED,
                name + " reply rejected twice by the grounding check: " + String.join("; ", last.problems()),
                started,
                tokens);
    }

    /** The messages as the audit records them: each after a {@code [role]} line. */
    static String transcript(List<ChatMessage> messages) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : messages) {
            String body;
            if (message instanceof SystemMessage system) {
                body = system.text();
            } else if (message instanceof UserMessage user) {
                body = user.singleText();
            } else if (message instanceof AiMessage ai) {
                body = ai.text();
            } else {
                body = String.valueOf(message);
            }
            text.append('[')
                    .append(message.type().name().toLowerCase(java.util.Locale.ROOT))
                    .append("]\n");
            text.append(body == null ? "" : body).append('\n');
        }
        return text.toString();
    }

    static String correction(List<String> problems) {
        StringBuilder text = new StringBuilder("Your answer was rejected for these reasons:\n");
        problems.forEach(problem -> text.append("- ").append(problem).append('\n'));
        return text.append("Answer again with one JSON object that follows the rules. Cite only the ids listed "
                        + "under \"Citable ids\" and name only a service listed under \"Allowed services\".")
                .toString();
    }

    private Summary failed(SummaryRequest request, RuntimeException e, long started, Summary.TokenCounts tokens) {
        String cause = LlmFailures.describe(e);
        if (LlmFailures.isUnreachable(e)) {
            skipUntil = clock.instant().plus(unavailablePause);
            LOG.warn("{} unreachable ({}); extractive summaries until {}", name, cause, skipUntil);
            return fallback(
                    request, Summary.GroundingOutcome.NOT_CHECKED, name + " unreachable: " + cause, started, tokens);
        }
        LOG.warn("{} failed ({}); extractive summary instead", name, cause);
        return fallback(request, Summary.GroundingOutcome.NOT_CHECKED, name + " failed: " + cause, started, tokens);
    }

    private Summary fallback(
            SummaryRequest request,
            Summary.GroundingOutcome outcome,
            String reason,
            long started,
            Summary.TokenCounts tokens) {
        Summary extractive = fallback.summarize(request);
        return extractive.withTracking(outcome, reason, elapsed(started), tokens, extractive.model());
    }

    private Summary llmSummary(
            SummaryRequest request,
            Prompt prompt,
            ModelReply reply,
            Summary.GroundingOutcome outcome,
            long started,
            Summary.TokenCounts tokens) {
        Set<String> citations = new LinkedHashSet<>(reply.citations());
        citations.addAll(Grounding.inlineCitations(
                Stream.concat(Stream.of(reply.summary(), reply.rootCauseReason()), reply.nextSteps().stream())));
        List<String> similar = reply.similarIncidentIds().stream()
                .map(id -> prompt.citable().getOrDefault(id, id))
                .distinct()
                .toList();
        return new Summary(
                Summary.Kind.LLM,
                reply.summary(),
                new Summary.RootCause(reply.rootCauseService(), reply.rootCauseReason()),
                reply.confidence(),
                List.copyOf(citations),
                reply.nextSteps(),
                similar,
                new Summary.ModelInfo(name, digest.get(), prompt.version(), request.embeddingModel()),
                outcome,
                "",
                elapsed(started),
                tokens,
                clock.instant());
    }

    private static Summary.TokenCounts counts(TokenUsage usage) {
        if (usage == null) {
            return Summary.TokenCounts.NONE;
        }
        return new Summary.TokenCounts(
                usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
