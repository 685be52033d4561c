package io.kubemate.rag.redact;

import io.kubemate.core.redact.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets and chosen personal data by pseudonyms that are stable within one scope, an incident: the same
 * value gets the same pseudonym every time ({@code <secret:1>}), different values different numbers, counted per
 * category ({@code secret}, {@code email}, {@code ip}).
 *
 * <p>Secrets are always replaced: everything {@link Redactor} finds (private keys, JWTs, authorization and bearer
 * credentials, AWS key ids, passwords in connection strings, values of secret-like keys, card numbers) plus GitHub
 * and Slack tokens; once a secret is known, its value is replaced wherever else it appears in later text too.
 * E-mail, IPv4 and IPv6 addresses are replaced when their {@link PiiKind} is enabled. Running text that is already
 * pseudonymized through the same instance leaves its pseudonyms as they are. The mapping from values to pseudonyms
 * never leaves the instance. Thread-safe.
 */
public final class Pseudonymizer {
    private static final Pattern PSEUDONYM = Pattern.compile("<(?:secret|email|ip):[0-9]{1,9}>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\uE010([0-9]{1,9})\uE011");
    /** Known secrets shorter than this are not searched for on their own: too likely to be ordinary words. */
    private static final int MIN_REPEATED_SECRET = 8;

    private final Redactor redactor;
    private final EnumSet<PiiKind> pii;
    /** Category and value to the index of its pseudonym in {@link #issued}. */
    private final Map<String, Integer> indexes = new HashMap<>();

    private final List<String> issued = new ArrayList<>();
    /** Longest first, so a secret that holds another is replaced whole. */
    private final Map<String, String> knownSecrets =
            new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    private final Map<String, Integer> counters = new HashMap<>();

    /** A pseudonymizer for one scope that replaces secrets and the given kinds of personal data. */
    public Pseudonymizer(Set<PiiKind> pii) {
        this.pii = EnumSet.noneOf(PiiKind.class);
        this.pii.addAll(pii);
        this.redactor = this.pii.contains(PiiKind.EMAIL) ? Redactor.withEmails() : new Redactor();
    }

    /** A pseudonymizer for one scope that replaces secrets and every kind of personal data. */
    public static Pseudonymizer forIncident() {
        return new Pseudonymizer(PiiKind.all());
    }

    /** The kinds of personal data it replaces. */
    public Set<PiiKind> piiKinds() {
        return pii.clone();
    }

    /** {@code text} with its secrets and enabled personal data replaced; {@code null} gives the empty text. */
    public synchronized Redacted redact(String text) {
        Map<String, Integer> counts = new HashMap<>();
        // While the passes run, pseudonyms stand as placeholders no pass recognises (<secret:1> would read as the
        // key "secret" with the value "1>"); they become pseudonyms again at the end.
        String out = protect(text == null ? "" : text);
        // vendor tokens before the core passes: they can look like an e-mail's local part (ghp_...@github.com)
        out = replaceAll(ExtraPatterns.GITHUB_TOKEN, out, "github-token", counts);
        out = replaceAll(ExtraPatterns.SLACK_TOKEN, out, "slack-token", counts);
        out = redactor.redact(out, (kind, value) -> replace(kind, value, counts));
        out = replaceKnownSecrets(out, counts);
        if (pii.contains(PiiKind.IPV6) && out.indexOf(':') >= 0) {
            out = replaceAll(ExtraPatterns.IPV6, out, "ipv6", counts);
        }
        if (pii.contains(PiiKind.IPV4) && out.indexOf('.') >= 0) {
            out = replaceAll(ExtraPatterns.IPV4, out, "ipv4", counts);
        }
        return new Redacted(restore(out), counts);
    }

    /** Shorthand for {@code redact(text).text()}. */
    public String pseudonymize(String text) {
        return redact(text).text();
    }

    /** How many distinct values it has given pseudonyms to so far. */
    public synchronized int size() {
        return issued.size();
    }

    /** The placeholder of the pseudonym of {@code value}, given on first sight. */
    private String replace(String kind, String value, Map<String, Integer> counts) {
        if (PLACEHOLDER.matcher(value).matches()) {
            return value; // a pseudonym already
        }
        String category = category(kind);
        int index = indexes.computeIfAbsent(category + '\u0000' + value, key -> {
            int n = counters.merge(category, 1, Integer::sum);
            issued.add("<" + category + ":" + n + ">");
            return issued.size() - 1;
        });
        String placeholder = placeholder(index);
        if (category.equals("secret") && value.length() >= MIN_REPEATED_SECRET) {
            knownSecrets.put(value, placeholder);
        }
        counts.merge(kind, 1, Integer::sum);
        return placeholder;
    }

    private String protect(String text) {
        if (issued.isEmpty() || text.indexOf('<') < 0) {
            return text;
        }
        return PSEUDONYM.matcher(text).replaceAll(m -> {
            int index = issued.indexOf(m.group());
            return Matcher.quoteReplacement(index < 0 ? m.group() : placeholder(index));
        });
    }

    private String restore(String text) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> {
            int index = Integer.parseInt(m.group(1));
            return Matcher.quoteReplacement(index < issued.size() ? issued.get(index) : m.group());
        });
    }

    private static String placeholder(int index) {
        return "\uE010" + index + "\uE011";
    }

    private String replaceAll(Pattern pattern, String text, String kind, Map<String, Integer> counts) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replace(kind, m.group(), counts)));
    }

    private String replaceKnownSecrets(String text, Map<String, Integer> counts) {
        String out = text;
        for (Map.Entry<String, String> known : knownSecrets.entrySet()) {
            if (out.contains(known.getKey())) {
                out = out.replace(known.getKey(), known.getValue());
                counts.merge("repeated-secret", 1, Integer::sum);
            }
        }
        return out;
    }

    private static String category(String kind) {
        return switch (kind) {
            case "email" -> "email";
            case "ipv4", "ipv6" -> "ip";
            default -> "secret";
        };
    }
}
