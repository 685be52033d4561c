package io.kubemate.rag.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptAuditLogTest {
    @TempDir
    Path dir;

    @Test
    void everyPromptIsOneJsonLineWithTheExactTextAndTheFileRotates() throws Exception {
        PromptAuditLog log =
                new PromptAuditLog(dir, 600, Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC));

        log.sent("inc-1", "prompt:ollama:m", "[system]\nrules\n[user]\nE1 <secret:1>\n");
        List<String> lines = Files.readAllLines(log.file());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));

        assertThat(lines).hasSize(1);
        assertThat(first.get("incidentId").asText()).isEqualTo("inc-1");
        assertThat(first.get("destination").asText()).isEqualTo("prompt:ollama:m");
        assertThat(first.get("text").asText()).isEqualTo("[system]\nrules\n[user]\nE1 <secret:1>\n");
        assertThat(first.get("at").asText()).isEqualTo("2026-11-26T03:00:00Z");

        // when more than 600 bytes would be kept, the file rotates
        for (int i = 0; i < 5; i++) {
            log.sent("inc-" + i, "prompt:ollama:m", "x".repeat(150));
        }
        assertThat(dir.resolve("prompts.1.jsonl")).exists();
        assertThat(Files.size(log.file())).isLessThanOrEqualTo(600);
    }
}
