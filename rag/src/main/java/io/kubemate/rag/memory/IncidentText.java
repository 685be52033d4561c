package io.kubemate.rag.memory;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The text an incident is embedded as: deterministic (the same incident and evidence give the same text) and bounded
 * ({@link #maxChars()}, resolution note included). In this order: the title, each distinct alert name with its
 * summary, the top probable origin, the evidence titles (log templates, trace paths, changes, metrics), and for a
 * resolved incident its resolution note.
 *
 * <p>Left out on purpose: the service list and the alerts' labels (namespace, service, pod...). On the labelled set of
 * {@code RetrievalQualityTest}, where new incidents recur in other services, adding them lowered hit@1 from 1.00 to
 * 0.83 and let known and new incidents' best scores overlap: shared boilerplate raises every score alike. Services are
 * kept as metadata by {@link IncidentMemory} instead.
 *
 * <p>Everything goes through {@code redactor} before it is returned: the caller passes the pseudonymizer used for
 * anything that leaves the process ({@link UnaryOperator#identity()} only in tests). Generated Kubernetes name
 * suffixes (ReplicaSet and pod hashes) are folded to {@code -*} so that a restart does not change the text.
 */
public final class IncidentText {
    /** The default bound of a text, resolution note included. */
    public static final int DEFAULT_MAX_CHARS = 1_000;

    private static final int MAX_NOTE_CHARS = 400;
    private static final int MAX_ALERTS = 6;
    private static final int MAX_EVIDENCE = 8;
    private static final int MAX_PART_CHARS = 160;
    // Kubernetes name hashes use consonants and digits 2-9; a lone hash must hold a digit so words stay
    private static final String HASH = "[bcdfghjklmnpqrstvwxz2-9]";
    private static final Pattern POD_SUFFIX = Pattern.compile("-" + HASH + "{6,10}-" + HASH + "{5}\\b"
            + "|-(?=[a-z]{0,9}[2-9])" + HASH + "{8,10}\\b|-(?=[a-z]{0,4}[2-9])" + HASH + "{5}\\b");

    private final Supplier<UnaryOperator<String>> redactors;
    private final int maxChars;

    /** Texts of at most {@link #DEFAULT_MAX_CHARS}, passed through {@code redactor}. */
    public IncidentText(UnaryOperator<String> redactor) {
        this(redactor, DEFAULT_MAX_CHARS);
    }

    /** Texts of at most {@code maxChars} (200 or more), passed through {@code redactor}. */
    public IncidentText(UnaryOperator<String> redactor, int maxChars) {
        this(scoped(redactor), maxChars);
    }

    /**
     * Texts of at most {@code maxChars}, each incident's passed through a fresh redactor from {@code redactors} (one
     * pseudonymizer per incident: a secret seen in one of its alerts is replaced in its notes too).
     */
    public IncidentText(Supplier<UnaryOperator<String>> redactors, int maxChars) {
        this.redactors = Objects.requireNonNull(redactors, "redactors");
        if (maxChars < 200) {
            throw new IllegalArgumentException("maxChars must be at least 200, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    public int maxChars() {
        return maxChars;
    }

    /** The text of an active (or not yet remembered) incident. */
    public String describe(Incident incident, Optional<IncidentEvidence> evidence) {
        return describe(incident, evidence, "");
    }

    /** The text of {@code incident} with {@code resolutionNote} (may be empty) at its end. */
    public String describe(Incident incident, Optional<IncidentEvidence> evidence, String resolutionNote) {
        UnaryOperator<String> redactor = redactors.get();
        // the body first: secrets it names are then known when the note repeats them
        String body = redactor.apply(body(incident, evidence));
        String note = resolution(resolutionNote, redactor);
        String noteLine = note.isEmpty() ? "" : "\nResolution: " + note;
        return cut(body, maxChars - noteLine.length()) + noteLine;
    }

    /** The redacted note, bounded, on one line. */
    String resolution(String resolutionNote) {
        return resolution(resolutionNote, redactors.get());
    }

    private static String resolution(String resolutionNote, UnaryOperator<String> redactor) {
        String note = resolutionNote == null ? "" : oneLine(resolutionNote);
        return cut(redactor.apply(note), MAX_NOTE_CHARS);
    }

    private static Supplier<UnaryOperator<String>> scoped(UnaryOperator<String> redactor) {
        Objects.requireNonNull(redactor, "redactor");
        return () -> redactor;
    }

    private static String body(Incident incident, Optional<IncidentEvidence> evidence) {
        StringBuilder text = new StringBuilder();
        text.append(oneLine(incident.title()));
        for (String alert : alertLines(incident.alerts())) {
            text.append("\nAlert: ").append(alert);
        }
        evidence.ifPresent(found -> {
            if (!found.probableOrigin().isEmpty()) {
                text.append("\nProbable origin: ")
                        .append(found.probableOrigin().get(0).service());
            }
            found.items().stream().limit(MAX_EVIDENCE).forEach(item -> text.append("\nEvidence: ")
                    .append(evidenceLine(item)));
        });
        return text.toString();
    }

    private static Set<String> alertLines(List<IncidentAlert> alerts) {
        Set<String> lines = new LinkedHashSet<>();
        for (IncidentAlert alert : alerts) {
            StringBuilder line = new StringBuilder(alert.labels().getOrDefault("alertname", "alert"));
            String summary = alert.annotations().getOrDefault("summary", "");
            if (!summary.isBlank()) {
                line.append(": ").append(cut(stable(oneLine(summary)), MAX_PART_CHARS));
            }
            lines.add(line.toString());
            if (lines.size() == MAX_ALERTS) {
                break;
            }
        }
        return lines;
    }

    private static String evidenceLine(EvidenceItem item) {
        return cut(stable(oneLine(item.title())), MAX_PART_CHARS);
    }

    private static String stable(String text) {
        return POD_SUFFIX.matcher(text).replaceAll("-*");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
