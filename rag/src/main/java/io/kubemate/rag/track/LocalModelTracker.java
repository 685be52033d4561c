package io.kubemate.rag.track;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.rca.ModelUsage;
import io.kubemate.core.topic.JsonSerde;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ModelTracker} in the data directory: every run and rating is appended as one JSON line to {@code
 * models/runs.jsonl}, and the totals are kept in memory, rebuilt from the file on start. When the file would grow past
 * its limit it is rotated: the old one becomes {@code runs.1.jsonl} (replacing the previous one) and the new one starts
 * with a snapshot line per combination, so the totals survive while disk use stays under twice the limit. Ratings of
 * summaries written before the last rotation are ignored. A failing disk is logged, never thrown to the caller; the
 * totals in memory stay right.
 */
public final class LocalModelTracker implements ModelTracker {
    /** The default size limit of {@code runs.jsonl}. */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LocalModelTracker.class);

    /** One line of the file: exactly one of the three parts is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(SummaryRun run, Rating rating, ModelAggregate.Totals totals) {}

    record Rating(String incidentId, String summaryId, boolean helpful) {}

    private final ObjectMapper mapper = JsonSerde.newMapper();
    private final Path file;
    private final Path rotated;
    private final long maxFileBytes;
    private final ModelAggregate aggregate = new ModelAggregate();
    private long size;
    private Writer out;

    /** A tracker on {@code dataDir/models/runs.jsonl} of at most {@link #DEFAULT_MAX_FILE_BYTES}. */
    public LocalModelTracker(Path dataDir) {
        this(dataDir, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * A tracker on {@code dataDir/models/runs.jsonl} of at most {@code maxFileBytes}.
     *
     * @throws KubemateException when the directory cannot be created or the file cannot be read
     */
    public LocalModelTracker(Path dataDir, long maxFileBytes) {
        if (maxFileBytes < 4096) {
            throw new IllegalArgumentException("maxFileBytes must be at least 4096, was " + maxFileBytes);
        }
        Path dir = dataDir.resolve("models");
        this.file = dir.resolve("runs.jsonl");
        this.rotated = dir.resolve("runs.1.jsonl");
        this.maxFileBytes = maxFileBytes;
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                replay();
                size = Files.size(file);
            }
        } catch (IOException e) {
            throw new KubemateException("cannot read model runs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void replay() throws IOException {
        int unreadable = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                if (text.isBlank()) {
                    continue;
                }
                try {
                    apply(mapper.readValue(text, Line.class));
                } catch (JsonProcessingException | RuntimeException e) {
                    // a line cut short by a crash, or edited by hand: the rest is still worth having
                    unreadable++;
                }
            }
        }
        if (unreadable > 0) {
            log.warn("skipped {} unreadable lines in {}", unreadable, file);
        }
    }

    private void apply(Line line) {
        if (line.run() != null) {
            aggregate.addRun(line.run());
        } else if (line.rating() != null) {
            aggregate.addFeedback(line.rating().summaryId(), line.rating().helpful());
        } else if (line.totals() != null && line.totals().key() != null) {
            aggregate.addTotals(line.totals());
        }
    }

    @Override
    public synchronized void record(SummaryRun run) {
        append(new Line(run, null, null));
    }

    @Override
    public synchronized void feedback(String incidentId, String summaryId, boolean helpful) {
        if (aggregate.knows(summaryId)) {
            append(new Line(null, new Rating(incidentId, summaryId, helpful), null));
        } else {
            log.debug("rating of unknown summary {} of incident {} ignored", summaryId, incidentId);
        }
    }

    @Override
    public synchronized List<ModelUsage> models() {
        return aggregate.view();
    }

    /** Rotates when due, then counts {@code line} (after the snapshot, so it is counted once), then writes it. */
    private void append(Line line) {
        boolean counted = false;
        try {
            byte[] bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            if (size + bytes.length > maxFileBytes) {
                rotate();
            }
            apply(line);
            counted = true;
            if (out == null) {
                out = Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            out.write(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            if (!counted) {
                apply(line);
            }
            closeQuietly();
            log.warn("could not write model run to {}: {}", file, e.toString());
        }
    }

    private void rotate() throws IOException {
        closeQuietly();
        Path fresh = file.resolveSibling("runs.jsonl.tmp");
        long written = 0;
        try (Writer w = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
            for (ModelAggregate.Totals t : aggregate.totals()) {
                String text = mapper.writeValueAsString(new Line(null, null, t)) + "\n";
                w.write(text);
                written += text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (Files.exists(file)) {
            Files.move(file, rotated, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
        size = written;
        aggregate.forgetSummaries();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.debug("closing {} failed: {}", file, e.toString());
            }
            out = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
