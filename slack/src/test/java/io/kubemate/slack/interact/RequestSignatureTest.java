package io.kubemate.slack.interact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Slack's v0 signature: the published test vector and the fixture's block_actions request. */
class RequestSignatureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RequestSignatureTest.class.getResourceAsStream("/fixtures/slack/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void slacksPublishedTestVectorVerifiesAtItsTimeAndIsStaleNow() throws IOException {
        JsonNode vector = JSON.readTree(resource("signature-test-vector-slack-docs.json"));
        var signature = new RequestSignature(vector.get("signing_secret").asText());
        byte[] body = vector.get("raw_body").asText().getBytes(StandardCharsets.UTF_8);
        String ts = vector.at("/headers/X-Slack-Request-Timestamp").asText();
        String sig = vector.at("/headers/X-Slack-Signature").asText();
        Instant then = Instant.ofEpochSecond(Long.parseLong(ts));

        assertThat(signature.sign(ts, body))
                .isEqualTo(vector.get("expected_signature").asText());
        assertThat(signature.isValid(ts, body, sig, then)).isTrue();
        assertThat(signature.isValid(ts, body, sig, then.plusSeconds(299))).isTrue();
        assertThat(signature.isValid(ts, body, sig, then.plusSeconds(301)))
                .as("stale")
                .isFalse();
        assertThat(signature.isValid(ts, body, sig, then.minusSeconds(301)))
                .as("from the future")
                .isFalse();
        assertThat(signature.isValid(ts, body, sig, Instant.now()))
                .as("stale now")
                .isFalse();
    }

    @Test
    void theFixtureRequestVerifiesAndAnyChangeIsRefused() throws IOException {
        JsonNode headers = JSON.readTree(resource("block_actions-request-headers.json"));
        byte[] body = resource("block_actions-request-body.form-urlencoded.txt");
        String ts = headers.at("/headers/X-Slack-Request-Timestamp").asText();
        String sig = headers.at("/headers/X-Slack-Signature").asText();
        Instant at = Instant.ofEpochSecond(Long.parseLong(ts));
        var signature =
                new RequestSignature(headers.get("signing_secret_for_test").asText());

        assertThat(signature.isValid(ts, body, sig, at)).isTrue();
        byte[] tampered = body.clone();
        tampered[tampered.length - 5] ^= 1;
        assertThat(signature.isValid(ts, tampered, sig, at)).as("tampered body").isFalse();
        assertThat(signature.isValid(String.valueOf(Long.parseLong(ts) + 1), body, sig, at))
                .as("other timestamp")
                .isFalse();
        assertThat(new RequestSignature("wrong-secret").isValid(ts, body, sig, at))
                .as("wrong secret")
                .isFalse();
        assertThat(new RequestSignature("").isValid(ts, body, signature.sign(ts, body), at))
                .as("no secret")
                .isFalse();
        assertThat(signature.isValid(null, body, sig, at)).isFalse();
        assertThat(signature.isValid(ts, body, null, at)).isFalse();
        assertThat(signature.isValid("not-a-number", body, sig, at)).isFalse();
        assertThat(signature.isValid(ts, body, sig.toUpperCase(), at)).isFalse();
    }
}
