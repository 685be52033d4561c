package io.kubemate.rag.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A rendered prompt: the system message with the rules, the user message with the numbered, delimited data blocks.
 *
 * @param system the system message
 * @param user the user message
 * @param version the template's version (a short SHA-256 of the template text)
 * @param citable every id a reply may cite, mapped to what it names: the evidence id itself, the incident id for
 *     {@code S1}, ..., the runbook chunk id for {@code R1}, ...
 * @param omitted how many items were left out to keep the prompt within its size bound
 */
public record Prompt(String system, String user, String version, Map<String, String> citable, int omitted) {
    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(version, "version");
        citable = Collections.unmodifiableSortedMap(new TreeMap<>(citable == null ? Map.of() : citable));
    }

    /** Roughly how many characters the prompt holds; about four per token for English text. */
    public int length() {
        return system.length() + user.length();
    }
}
