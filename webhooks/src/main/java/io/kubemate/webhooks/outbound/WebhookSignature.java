package io.kubemate.webhooks.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Kubemate-Signature} header of generic webhooks: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} of
 * {@code "<t>.<raw body>"} under the route's secret. The timestamp lets receivers refuse replays; see
 * {@code docs/outgoing-webhooks.md} for how to verify it.
 */
final class WebhookSignature {
    static final String HEADER = "X-Kubemate-Signature";

    private WebhookSignature() {}

    static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
    }

    private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }
}
