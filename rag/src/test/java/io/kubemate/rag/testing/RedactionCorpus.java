package io.kubemate.rag.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The planted redaction corpus ({@code src/test/resources/redaction/}): {@code corpus.txt} holds entries of incident
 * telemetry separated by {@code ---} lines, {@code planted.tsv} the planted values ({@code kind<TAB>value}), each of
 * which appears in the corpus.
 */
public final class RedactionCorpus {
    private RedactionCorpus() {}

    /** The entries, in order. */
    public static List<String> entries() {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : resource("corpus.txt").split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.equals("---")) {
                entries.add(current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        entries.add(current.toString());
        return entries.stream().filter(e -> !e.isBlank()).toList();
    }

    /** The planted values: {@code [kind, value]}. */
    public static List<String[]> planted() {
        return Arrays.stream(resource("planted.tsv").split("\n"))
                .filter(l -> !l.isBlank())
                .map(l -> l.split("\t", 2))
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = RedactionCorpus.class.getResourceAsStream("/redaction/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /redaction/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
