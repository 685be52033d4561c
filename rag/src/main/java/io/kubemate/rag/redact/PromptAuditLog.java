package io.kubemate.rag.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.rag.model.PromptListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of what left the process for a model: one JSON line per prompt in {@code <dir>/prompts.jsonl} ({@code at,
 * incidentId, destination, length, text}: the text exactly as sent, already redacted). When the file would pass
 * {@code maxBytes} it becomes {@code prompts.1.jsonl} (replacing the one before), so at most twice that is kept. A
 * write that fails is logged, never thrown: the audit must not stop summaries. Thread-safe.
 */
public final class PromptAuditLog implements PromptListener {
    private static final Logger LOG = LoggerFactory.getLogger(PromptAuditLog.class);
    private static final ObjectMapper JSON = JsonSerde.newMapper();

    /** 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private final Path file;
    private final Path rotated;
    private final long maxBytes;
    private final Clock clock;

    public PromptAuditLog(Path dir, long maxBytes, Clock clock) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit directory " + dir, e);
        }
        this.file = dir.resolve("prompts.jsonl");
        this.rotated = dir.resolve("prompts.1.jsonl");
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /** One sent prompt. */
    record Line(Instant at, String incidentId, String destination, int length, String text) {}

    @Override
    public synchronized void sent(String incidentId, String destination, String text) {
        try {
            byte[] line = (JSON.writeValueAsString(
                                    new Line(clock.instant(), incidentId, destination, text.length(), text))
                            + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            if (Files.exists(file) && Files.size(file) + line.length > maxBytes) {
                Files.move(file, rotated, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (JsonProcessingException e) {
            LOG.warn("cannot write the prompt audit of {}: {}", incidentId, e.toString());
        } catch (IOException e) {
            LOG.warn("cannot append to the prompt audit {}: {}", file, e.toString());
        }
    }
}
