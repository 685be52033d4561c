package io.kubemate.ingest.alertmanager;

import io.kubemate.core.error.InvalidInputException;
import java.util.Map;

/** Applies {@link AlertmanagerWebhookParser.Limits} to label sets, annotations and free text. */
final class WebhookParserLimits {
    private final AlertmanagerWebhookParser.Limits limits;

    WebhookParserLimits(AlertmanagerWebhookParser.Limits limits) {
        this.limits = limits;
    }

    Map<String, String> labels(Map<String, String> labels, String field) {
        if (labels == null) {
            throw new InvalidInputException(
                    field, "labels are required: a JSON object of label names to string values");
        }
        if (labels.isEmpty()) {
            throw new InvalidInputException(field, "labels must not be empty: an alert is identified by its labels");
        }
        return pairs(labels, field, "labels");
    }

    Map<String, String> annotations(Map<String, String> annotations, String field) {
        return annotations == null ? Map.of() : pairs(annotations, field, "annotations");
    }

    /** {@code text} when within the value bound; {@code null} stays {@code null}. */
    String boundedText(String text, String field) {
        if (text != null && text.length() > limits.maxValueChars()) {
            throw tooLong(field, text.length());
        }
        return text;
    }

    private Map<String, String> pairs(Map<String, String> map, String field, String what) {
        if (map.size() > limits.maxLabels()) {
            throw new InvalidInputException(
                    field, "too many " + what + ": " + map.size() + ", at most " + limits.maxLabels());
        }
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String at = JsonPointers.child(field, entry.getKey());
            checkName(entry.getKey(), field);
            if (entry.getValue() == null) {
                throw new InvalidInputException(at, "value must be a string, not null");
            }
            boundedText(entry.getValue(), at);
        }
        return map;
    }

    private void checkName(String name, String field) {
        if (name.isEmpty()) {
            throw new InvalidInputException(field, "names must not be empty");
        }
        if (name.length() > limits.maxValueChars()) {
            throw new InvalidInputException(
                    field,
                    "a name is " + name.length() + " characters long, at most " + limits.maxValueChars() + " allowed");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            // the pointer stops at the object: a name with control characters makes a poor field name to echo
            throw new InvalidInputException(
                    field, "name \"" + AlertMapper.shorten(name) + "\" contains control characters");
        }
    }

    private InvalidInputException tooLong(String field, int length) {
        return new InvalidInputException(
                field, "value is " + length + " characters long, at most " + limits.maxValueChars() + " allowed");
    }
}
