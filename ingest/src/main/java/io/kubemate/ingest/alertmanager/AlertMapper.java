package io.kubemate.ingest.alertmanager;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.alert.Fingerprint;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.error.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates one {@link AlertBody} of a body and maps it to a {@link RawAlert}; every error names its field. */
final class AlertMapper {
    /** Go's zero {@code time.Time}: Alertmanager's {@code endsAt} while an alert is firing. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final Pattern HEX16 = Pattern.compile("[0-9a-fA-F]{16}");
    private static final int ECHO_CHARS = 64;

    private final WebhookParserLimits limits;
    private final String receiver;
    private final String groupKey;
    private final Instant receivedAt;

    AlertMapper(AlertmanagerWebhookParser.Limits limits, WebhookBody body, Instant receivedAt) {
        this.limits = new WebhookParserLimits(limits);
        this.receiver = this.limits.boundedText(body.receiver(), "/receiver");
        this.groupKey = this.limits.boundedText(body.groupKey(), "/groupKey");
        this.receivedAt = receivedAt;
    }

    RawAlert map(AlertBody alert, String at) {
        if (alert == null) {
            throw new InvalidInputException(at, "an alert must be a JSON object, not null");
        }
        AlertStatus status = status(alert.status(), at + "/status");
        Map<String, String> labels = limits.labels(alert.labels(), at + "/labels");
        Map<String, String> annotations = limits.annotations(alert.annotations(), at + "/annotations");
        Instant startsAt = instant(alert.startsAt(), at + "/startsAt");
        if (startsAt == null) {
            throw new InvalidInputException(
                    at + "/startsAt", "startsAt is required (RFC 3339, e.g. 2026-11-25T16:44:05Z)");
        }
        Instant endsAt = instant(alert.endsAt(), at + "/endsAt");
        String generatorUrl = limits.boundedText(alert.generatorUrl(), at + "/generatorURL");
        return new RawAlert(
                fingerprint(alert.fingerprint(), labels, at + "/fingerprint"),
                status,
                labels,
                annotations,
                startsAt,
                endsAt,
                generatorUrl == null || generatorUrl.isEmpty() ? null : generatorUrl,
                groupKey,
                receiver,
                receivedAt);
    }

    private static AlertStatus status(String status, String field) {
        if (status == null) {
            throw new InvalidInputException(field, "status is required: \"firing\" or \"resolved\"");
        }
        return switch (status) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new InvalidInputException(
                    field, "status must be \"firing\" or \"resolved\", not \"" + shorten(status) + "\"");
        };
    }

    /** Parses an RFC 3339 time with 0 to 9 fraction digits; empty, missing or Go's zero time is {@code null}. */
    private static Instant instant(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    field, "not an RFC 3339 time: \"" + shorten(text) + "\" (expected e.g. 2026-11-25T16:44:05.123Z)");
        }
        return GO_ZERO_TIME.equals(parsed) ? null : parsed;
    }

    private static String fingerprint(String given, Map<String, String> labels, String field) {
        if (given == null) {
            return Fingerprint.of(labels).value();
        }
        if (!HEX16.matcher(given).matches()) {
            throw new InvalidInputException(
                    field,
                    "fingerprint must be 16 hex digits, not \"" + shorten(given) + "\" (omit it to compute one)");
        }
        return given.toLowerCase(Locale.ROOT);
    }

    /** Client text echoed in a message, cut short and stripped of control characters. */
    static String shorten(String text) {
        String cut = text.length() > ECHO_CHARS ? text.substring(0, ECHO_CHARS) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
