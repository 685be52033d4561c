package io.kubemate.ingest.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.ChangeEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses change notifications into {@link ChangeEvent}s. Accepted bodies:
 *
 * <ul>
 *   <li>CloudEvents 1.0 structured mode: {@code application/cloudevents+json}, or {@code application/json} whose
 *       object has {@code specversion}; {@code application/cloudevents-batch+json} for an array of them.
 *   <li>CloudEvents 1.0 binary mode: attributes in {@code ce-*} headers ({@code ce-specversion}, {@code ce-id},
 *       {@code ce-source}, {@code ce-type}, optional {@code ce-time}, {@code ce-subject}), the data as the JSON body.
 *   <li>Tekton's CloudEvents ({@code dev.tekton.event.pipelinerun.successful.v1}, ...) in either mode: the service,
 *       version and outcome come from the run (see {@link TektonRuns}).
 *   <li>Any other CloudEvent whose data is a plain change (below) or that names the service in a {@code service}
 *       extension or its {@code subject}.
 *   <li>A plain change, or a JSON array of them: {@code {"service", "version", "kind", "time", "url", "author"}}, plus
 *       optional {@code id} and {@code outcome}; only {@code service} is required, {@code time} (RFC 3339) defaults
 *       to now.
 * </ul>
 *
 * <p>The id is the CloudEvents {@code id}, the plain change's {@code id}, or else a hash of its content (so a re-sent
 * change keeps its id). The source is the CloudEvents {@code source}, or {@code webhook}. Anything that cannot be
 * accepted raises {@link InvalidInputException} naming the field (a JSON pointer, or the header name in binary
 * mode); no other exception escapes. Immutable and thread-safe.
 */
public final class ChangeEventParser {
    /** The source of plain JSON changes. */
    public static final String WEBHOOK_SOURCE = "webhook";

    /** Most changes in one body. */
    public static final int MAX_CHANGES = 1000;

    private static final List<String> MEDIA_TYPES =
            List.of("application/json", "application/cloudevents+json", "application/cloudevents-batch+json");

    private final Clock clock;

    public ChangeEventParser(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a body of this {@code Content-Type} can be parsed (JSON and the CloudEvents JSON types; absent too). */
    public static boolean supports(String contentType) {
        String media = mediaType(contentType);
        return media.isEmpty() || MEDIA_TYPES.contains(media);
    }

    /**
     * Parses one request.
     *
     * @param contentType the {@code Content-Type} header, may be {@code null}
     * @param headers the request headers (names in any case); only {@code ce-*} ones are read
     * @return the changes in body order
     * @throws InvalidInputException naming the offending field
     */
    public List<ChangeEvent> parse(byte[] body, String contentType, Map<String, String> headers) {
        Instant now = clock.instant();
        String media = mediaType(contentType);
        if (CloudEvent.isBinary(headers)) {
            JsonNode data = body == null || body.length == 0 ? null : ChangeJson.read(body, "the event's JSON data");
            return List.of(fromCloudEvent(CloudEvent.binary(headers, data), now));
        }
        JsonNode root = ChangeJson.read(body, "a change as JSON or a CloudEvent");
        if (media.equals("application/cloudevents+json")) {
            return List.of(fromCloudEvent(CloudEvent.structured(root, ""), now));
        }
        if (root.isArray()) {
            if (root.size() > MAX_CHANGES) {
                throw new InvalidInputException(
                        "/", "too many changes: " + root.size() + ", at most " + MAX_CHANGES + " per request");
            }
            List<ChangeEvent> changes = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) {
                changes.add(one(root.get(i), "/" + i, now));
            }
            return changes;
        }
        if (media.equals("application/cloudevents-batch+json")) {
            throw new InvalidInputException("/", "a CloudEvents batch must be a JSON array");
        }
        return List.of(one(root, "", now));
    }

    private ChangeEvent one(JsonNode node, String at, Instant now) {
        if (!node.isObject()) {
            throw new InvalidInputException(at.isEmpty() ? "/" : at, "wrong type: expected an object");
        }
        return node.has("specversion") ? fromCloudEvent(CloudEvent.structured(node, at), now) : plain(node, at, now);
    }

    private static ChangeEvent fromCloudEvent(CloudEvent event, Instant now) {
        if (TektonRuns.isTekton(event)) {
            return TektonRuns.map(event, now);
        }
        JsonNode data = event.data() != null && event.data().isObject() ? event.data() : null;
        String service = ChangeJson.text(data, "service", event.dataAt());
        if (service.isEmpty()) {
            service = event.service().isEmpty() ? event.subject() : event.service();
        }
        if (service.isEmpty()) {
            throw new InvalidInputException(
                    ChangeJson.pointer(event.dataAt(), "service"),
                    "the event names no service: set data.service, the service extension or the subject");
        }
        String kind = ChangeJson.text(data, "kind", event.dataAt());
        Instant time = ChangeJson.time(data, "time", event.dataAt());
        return new ChangeEvent(
                event.id(),
                service,
                ChangeJson.text(data, "version", event.dataAt()),
                kind.isEmpty() ? event.type() : kind,
                time != null ? time : event.time() != null ? event.time() : now,
                ChangeJson.text(data, "url", event.dataAt()),
                ChangeJson.text(data, "author", event.dataAt()),
                event.source(),
                ChangeJson.text(data, "outcome", event.dataAt()),
                ChangeJson.text(data, "cluster", event.dataAt()));
    }

    private static ChangeEvent plain(JsonNode node, String at, Instant now) {
        String service = ChangeJson.text(node, "service", at);
        if (service.isEmpty()) {
            throw new InvalidInputException(ChangeJson.pointer(at, "service"), "service is required");
        }
        String version = ChangeJson.text(node, "version", at);
        String kind = ChangeJson.text(node, "kind", at);
        Instant time = ChangeJson.time(node, "time", at);
        String url = ChangeJson.text(node, "url", at);
        String author = ChangeJson.text(node, "author", at);
        String id = ChangeJson.text(node, "id", at);
        String cluster = ChangeJson.text(node, "cluster", at);
        Instant when = time != null ? time : now;
        // the same deploy to two clusters is two changes; without a cluster the id stays what it always was
        String content = contentId(service, version, kind, time == null ? "" : time.toString(), url, author);
        return new ChangeEvent(
                !id.isEmpty() ? id : cluster.isEmpty() ? content : contentId(content, cluster, "", "", "", ""),
                service,
                version,
                kind,
                when,
                url,
                author,
                WEBHOOK_SOURCE,
                ChangeJson.text(node, "outcome", at),
                cluster);
    }

    /**
     * {@code chg-} and 32 hex digits of a SHA-256 over the change's fields as sent (an absent time counts as empty,
     * not as now): a re-sent change gets the same id.
     */
    static String contentId(String service, String version, String kind, String time, String url, String author) {
        String canonical = String.join("\u0000", service, version, kind, time, url, author);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "chg-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
