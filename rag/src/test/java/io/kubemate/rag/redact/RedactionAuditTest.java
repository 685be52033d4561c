package io.kubemate.rag.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.topic.JsonSerde;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionAuditTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void recordsTheExactTextSentToEachDestinationWithItsCounts() throws Exception {
        Pseudonymizer pseudonymizer = Pseudonymizer.forIncident();
        RedactionAudit audit = new RedactionAudit("INC-42", clock, 10, 1000);

        Redacted prompt = pseudonymizer.redact("checkout failing, password=hunter22 from 10.0.0.7");
        audit.record(RedactionAudit.EMBEDDING, prompt);
        audit.record(RedactionAudit.prompt("ollama"), prompt);
        audit.record(RedactionAudit.SLACK, pseudonymizer.redact("root cause: db, see ops@example.com"));

        assertThat(audit.entries())
                .extracting(RedactionAudit.Entry::destination)
                .containsExactly("embedding", "prompt:ollama", "slack");
        assertThat(audit.entries().get(1).text()).isEqualTo("checkout failing, password=<secret:1> from <ip:1>");
        assertThat(audit.entries().get(1).countsByKind()).isEqualTo(Map.of("password", 1, "ipv4", 1));
        JsonNode json = JsonSerde.newMapper().readTree(audit.toJson());
        assertThat(json.get("subject").asText()).isEqualTo("INC-42");
        assertThat(json.get("entries").get(2).get("text").asText()).isEqualTo("root cause: db, see <email:1>");
        assertThat(json.get("entries").get(0).get("at").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(json.get("totalsByKind").get("password").asInt()).isEqualTo(2);
        assertThat(audit.toJson()).doesNotContain("hunter22", "10.0.0.7", "ops@example.com");
    }

    @Test
    void keepsTheFirstEntriesAndCountsTheRestAsOmitted() {
        RedactionAudit audit = new RedactionAudit("INC-1", clock, 2, 1000);

        for (int i = 0; i < 5; i++) {
            audit.record(RedactionAudit.API, new Redacted("text " + i, Map.of("token", 1)));
        }

        assertThat(audit.entries()).extracting(RedactionAudit.Entry::text).containsExactly("text 0", "text 1");
        assertThat(audit.snapshot().omitted()).isEqualTo(3);
        assertThat(audit.snapshot().totalsByKind()).isEqualTo(Map.of("token", 5));
    }

    @Test
    void cutsLongTextsAndSaysSo() {
        RedactionAudit audit = new RedactionAudit("INC-1", clock, 2, 4);

        audit.record(RedactionAudit.VECTOR_STORE, new Redacted("abcdefgh", Map.of()));

        RedactionAudit.Entry entry = audit.entries().get(0);
        assertThat(entry.text()).isEqualTo("abcd");
        assertThat(entry.truncated()).isTrue();
        assertThat(entry.textLength()).isEqualTo(8);
    }

    @Test
    void aBlankDestinationIsRejected() {
        RedactionAudit audit = RedactionAudit.of("INC-1");

        assertThatThrownBy(() -> audit.record(" ", new Redacted("x", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
