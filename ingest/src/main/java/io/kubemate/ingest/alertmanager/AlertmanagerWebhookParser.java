package io.kubemate.ingest.alertmanager;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.topic.JsonSerde;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses Alertmanager's webhook body (version {@code "4"}, as Alertmanager sends it) into {@link RawAlert}s.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Every alert's own {@code status} is used, never the group's.
 *   <li>{@code endsAt} of {@code 0001-01-01T00:00:00Z} (Alertmanager's "still firing"), empty or missing becomes
 *       {@code null}.
 *   <li>A missing {@code fingerprint} is computed from the labels exactly as Alertmanager does; a present one must be
 *       16 hex digits and is kept (lower-cased).
 *   <li>When one body names the same fingerprint twice, the last entry wins.
 *   <li>Label names must be non-empty and free of control characters (UTF-8 names as Prometheus 3 allows them are
 *       accepted; the classic {@code [a-zA-Z_][a-zA-Z0-9_]*} is not enforced).
 *   <li>Any input that cannot be accepted raises {@link InvalidInputException} whose {@code field} is a JSON pointer
 *       ({@code /alerts/2/startsAt}, {@code /version}, or {@code /} for malformed JSON); no other exception escapes,
 *       whatever the bytes.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AlertmanagerWebhookParser {
    /** The only body version this parser accepts (Alertmanager 0.x has sent "4" since 2016). */
    public static final String SUPPORTED_VERSION = "4";

    private final Clock clock;
    private final Limits limits;
    private final ObjectMapper mapper;

    /**
     * Bounds on one body, each rejected with a clear message when exceeded.
     *
     * @param maxAlerts most alerts in one body
     * @param maxLabels most labels (and, separately, most annotations) per alert
     * @param maxValueChars longest label or annotation name or value, {@code generatorURL}, {@code groupKey} or
     *     {@code receiver}, in characters
     */
    public record Limits(int maxAlerts, int maxLabels, int maxValueChars) {
        public Limits {
            if (maxAlerts < 1 || maxLabels < 1 || maxValueChars < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        /** 10,000 alerts, 128 labels and 128 annotations per alert, 64 KiB (65,536 characters) per value. */
        public static Limits defaults() {
            return new Limits(10_000, 128, 64 * 1024);
        }
    }

    /** A parser with {@link Limits#defaults()} that stamps {@code receivedAt} from {@code clock}. */
    public AlertmanagerWebhookParser(Clock clock) {
        this(clock, Limits.defaults());
    }

    public AlertmanagerWebhookParser(Clock clock, Limits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.mapper = strictMapper();
    }

    /**
     * Parses one webhook body.
     *
     * @return the alerts in body order (for a repeated fingerprint, at the position of its last entry); empty when the
     *     body's {@code alerts} is empty
     * @throws InvalidInputException naming the offending field as a JSON pointer
     */
    public List<RawAlert> parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException(JsonPointers.ROOT, "the body is empty; expected Alertmanager's JSON");
        }
        WebhookBody parsed = read(body);
        checkVersion(parsed.version());
        if (parsed.alerts() == null) {
            throw new InvalidInputException("/alerts", "alerts is required (an array, may be empty)");
        }
        if (parsed.alerts().size() > limits.maxAlerts()) {
            throw new InvalidInputException(
                    "/alerts",
                    "too many alerts: " + parsed.alerts().size() + ", at most " + limits.maxAlerts()
                            + " per body (set max_alerts on the Alertmanager receiver)");
        }
        AlertMapper alertMapper = new AlertMapper(limits, parsed, clock.instant());
        Map<String, RawAlert> byFingerprint = new LinkedHashMap<>();
        for (int i = 0; i < parsed.alerts().size(); i++) {
            RawAlert alert = alertMapper.map(parsed.alerts().get(i), "/alerts/" + i);
            byFingerprint.remove(alert.fingerprint());
            byFingerprint.put(alert.fingerprint(), alert);
        }
        return List.copyOf(byFingerprint.values());
    }

    private WebhookBody read(byte[] body) {
        WebhookBody parsed;
        try {
            parsed = mapper.readValue(body, WebhookBody.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(JsonPointers.of(e), describe(e));
        } catch (IOException | RuntimeException e) {
            // Jackson reports some malformed input (bad UTF-8, constraint violations) outside its checked hierarchy
            throw new InvalidInputException(JsonPointers.ROOT, "the body is not valid JSON");
        }
        if (parsed == null) {
            throw new InvalidInputException(JsonPointers.ROOT, "the body must be a JSON object, not null");
        }
        return parsed;
    }

    private static void checkVersion(String version) {
        if (version == null) {
            throw new InvalidInputException(
                    "/version", "version is required; only Alertmanager webhook version \"4\" is supported");
        }
        if (!SUPPORTED_VERSION.equals(version)) {
            throw new InvalidInputException(
                    "/version",
                    "unsupported webhook version \"" + AlertMapper.shorten(version)
                            + "\"; only Alertmanager webhook version \"4\" is supported");
        }
    }

    /** A short message in the body's terms; Jackson's own names Java types and can echo large parts of the body. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "wrong type: expected " + jsonTypeOf(mismatch.getTargetType());
        }
        if (e instanceof StreamConstraintsException) {
            return "the body is nested too deeply or too large";
        }
        return "the body is not valid JSON";
    }

    private static String jsonTypeOf(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonSerde.newMapper();
        mapper.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // numbers and booleans are not strings: a label value 1 or true is a sender bug, not "1"
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
