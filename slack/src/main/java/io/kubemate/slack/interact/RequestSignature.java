package io.kubemate.slack.interact;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * Slack's {@code v0} request signature: {@code "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body))},
 * refused when the timestamp is more than five minutes from now. Compared in constant time. A blank secret verifies
 * nothing.
 */
public final class RequestSignature {
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final boolean configured;
    private final SlackSignature.Generator generator;

    public RequestSignature(String signingSecret) {
        String text = signingSecret == null ? "" : signingSecret;
        this.configured = !text.isBlank();
        // the SDK refuses a blank secret (and would fall back to SLACK_SIGNING_SECRET): no generator then
        this.generator = configured ? new SlackSignature.Generator(text) : null;
    }

    /** Whether {@code signature} signs {@code rawBody} at {@code timestamp}, and the timestamp is within 5 min of now. */
    public boolean isValid(String timestamp, byte[] rawBody, String signature, Instant now) {
        if (!configured || timestamp == null || signature == null || rawBody == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return false;
        }
        byte[] expected = sign(timestamp.strip(), rawBody).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** The signature of {@code rawBody} at {@code timestamp} ({@code v0=...}), by the SDK's generator. */
    public String sign(String timestamp, byte[] rawBody) {
        if (!configured) {
            throw new IllegalStateException("no signing secret is configured");
        }
        return generator.generate(timestamp, new String(rawBody, StandardCharsets.UTF_8));
    }
}
