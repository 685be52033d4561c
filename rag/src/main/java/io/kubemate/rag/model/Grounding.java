package io.kubemate.rag.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.ProbableOrigin;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a model's reply against the request it answers: the reply parses by the {@link ReplySchema}, every cited id
 * (in {@code citations} and in brackets in any text) is one the prompt offered, the root-cause service is one the
 * incident, its evidence or its origin ranking names, confidence lies in [0, 1], and similar incidents are among the
 * retrieved ones. Problems are phrased so they can be sent back to the model.
 */
final class Grounding {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BRACKETS = Pattern.compile("\\[([^\\[\\]]{1,80})]");
    private static final Pattern CITATION = Pattern.compile("[ESR]\\d+");
    private static final Pattern FENCE = Pattern.compile("(?s)^```(?:json)?\\s*(.*?)\\s*```$");
    static final String UNKNOWN_SERVICE = "unknown";

    private Grounding() {}

    /** The outcome: the parsed reply when it has the schema's shape, and every problem found. */
    record Result(Optional<ModelReply> reply, List<String> problems) {
        Result {
            problems = List.copyOf(problems);
        }

        boolean isGrounded() {
            return reply.isPresent() && problems.isEmpty();
        }
    }

    /** Checks {@code text}, the reply to {@code prompt} made from {@code request}. */
    static Result check(String text, SummaryRequest request, Prompt prompt) {
        List<String> problems = new ArrayList<>();
        Optional<ModelReply> reply = parse(text, problems);
        reply.ifPresent(r -> problems.addAll(groundingProblems(r, request, prompt)));
        return new Result(reply, problems);
    }

    /** Every service a root cause may name, incident services first. */
    static List<String> allowedServices(SummaryRequest request) {
        Set<String> services = new LinkedHashSet<>(request.services());
        request.evidence().stream().map(EvidenceItem::service).forEach(services::add);
        request.probableOrigin().stream().map(ProbableOrigin::service).forEach(services::add);
        services.remove("");
        return List.copyOf(services);
    }

    /** The ids cited in brackets anywhere in {@code texts}, in order of appearance. */
    static Set<String> inlineCitations(Stream<String> texts) {
        Set<String> ids = new LinkedHashSet<>();
        texts.forEach(text -> {
            Matcher brackets = BRACKETS.matcher(text);
            while (brackets.find()) {
                for (String token : brackets.group(1).split("[,;\\s]+")) {
                    if (CITATION.matcher(token).matches()) {
                        ids.add(token);
                    }
                }
            }
        });
        return ids;
    }

    private static Optional<ModelReply> parse(String text, List<String> problems) {
        String body = text == null ? "" : text.strip();
        Matcher fence = FENCE.matcher(body);
        if (fence.matches()) {
            body = fence.group(1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            problems.add("the reply is not valid JSON: answer with one JSON object only");
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            problems.add("the reply is not a JSON object: answer with one JSON object only");
            return Optional.empty();
        }
        int before = problems.size();
        String summary = string(root, "summary", problems);
        JsonNode cause = root.path("probableRootCause");
        if (!cause.isObject()) {
            problems.add("probableRootCause must be an object with service and reason");
        }
        String service = string(cause, "probableRootCause.service", "service", problems);
        String reason = string(cause, "probableRootCause.reason", "reason", problems);
        JsonNode confidence = root.path("confidence");
        if (!confidence.isNumber()) {
            problems.add("confidence must be a number from 0 to 1");
        }
        List<String> citations = strings(root, "citations", problems);
        List<String> nextSteps = strings(root, "nextSteps", problems);
        List<String> similar = strings(root, "similarIncidentIds", problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(
                new ModelReply(summary, service, reason, confidence.asDouble(), citations, nextSteps, similar));
    }

    private static List<String> groundingProblems(ModelReply reply, SummaryRequest request, Prompt prompt) {
        List<String> problems = new ArrayList<>();
        Map<String, String> citable = prompt.citable();
        Set<String> cited = new LinkedHashSet<>(reply.citations());
        cited.addAll(inlineCitations(
                Stream.concat(Stream.of(reply.summary(), reply.rootCauseReason()), reply.nextSteps().stream())));
        for (String id : cited) {
            if (!citable.containsKey(id)) {
                problems.add("citation " + quote(id) + " is not a citable id; cite only " + citable.keySet());
            }
        }
        if (!citable.isEmpty() && cited.isEmpty()) {
            problems.add("no citation: support the summary with citable ids " + citable.keySet());
        }
        List<String> services = allowedServices(request);
        boolean serviceOk = services.isEmpty()
                ? UNKNOWN_SERVICE.equals(reply.rootCauseService())
                : services.contains(reply.rootCauseService());
        if (!serviceOk) {
            problems.add("probableRootCause.service " + quote(reply.rootCauseService())
                    + " is not one of the allowed services "
                    + (services.isEmpty() ? List.of(UNKNOWN_SERVICE) : services));
        }
        if (!(reply.confidence() >= 0 && reply.confidence() <= 1)) {
            problems.add("confidence " + reply.confidence() + " is outside 0..1");
        }
        Set<String> retrieved = new LinkedHashSet<>();
        request.similar().forEach(s -> retrieved.add(s.incidentId()));
        for (String id : reply.similarIncidentIds()) {
            if (!retrieved.contains(id) && !(id.startsWith("S") && citable.containsKey(id))) {
                problems.add("similar incident " + quote(id) + " is not among the retrieved ones " + retrieved);
            }
        }
        return problems;
    }

    private static String string(JsonNode node, String field, List<String> problems) {
        return string(node, field, field, problems);
    }

    private static String string(JsonNode node, String path, String field, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(path + " must be a non-empty string");
            return "";
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.path(field);
        List<String> out = new ArrayList<>();
        if (!value.isArray()) {
            problems.add(field + " must be an array of strings");
            return out;
        }
        value.forEach(element -> {
            if (element.isTextual()) {
                out.add(element.asText().strip());
            } else {
                problems.add(field + " must hold strings only");
            }
        });
        return out;
    }

    /** A value from the reply, quoted and reduced so that echoing it back to the model carries nothing else. */
    private static String quote(String value) {
        return "'" + DataText.name(value) + "'";
    }
}
