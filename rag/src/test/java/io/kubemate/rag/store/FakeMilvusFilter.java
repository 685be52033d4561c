package io.kubemate.rag.store;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Parses the only boolean expressions {@link FakeMilvusServer} accepts, the ones a correct adapter generates:
 * {@code metadata["k"] == "v"} clauses and {@code id in ["a", "b"]}, joined with {@code &&}, string literals in double
 * quotes with backslash escapes. Anything else (a stray quote, {@code ||}, an unescaped character) is a {@link
 * IllegalArgumentException}, which the fake turns into an error status and a recorded violation.
 */
final class FakeMilvusFilter {
    /** One stored row as the evaluator sees it. */
    record Row(String id, JsonObject metadata) {}

    private final String src;
    private int pos;

    private FakeMilvusFilter(String src) {
        this.src = src;
    }

    static Predicate<Row> parse(String expr) {
        if (expr == null || expr.isBlank()) {
            return r -> true;
        }
        return new FakeMilvusFilter(expr).expression();
    }

    private Predicate<Row> expression() {
        List<Predicate<Row>> clauses = new ArrayList<>();
        clauses.add(clause());
        while (skipSpaces() && src.startsWith("&&", pos)) {
            pos += 2;
            clauses.add(clause());
        }
        skipSpaces();
        if (pos != src.length()) {
            throw error("unexpected text");
        }
        return r -> clauses.stream().allMatch(c -> c.test(r));
    }

    private Predicate<Row> clause() {
        skipSpaces();
        String field = identifier();
        skipSpaces();
        if (field.equals("metadata") && peek('[')) {
            pos++;
            String key = string();
            expect(']');
            skipSpaces();
            if (!src.startsWith("==", pos)) {
                throw error("expected ==");
            }
            pos += 2;
            skipSpaces();
            String value = string();
            return r -> {
                JsonElement v = r.metadata().get(key);
                return v != null && v.isJsonPrimitive() && v.getAsString().equals(value);
            };
        }
        if (field.equals("id") && src.startsWith("in", pos)) {
            pos += 2;
            skipSpaces();
            expect('[');
            List<String> ids = new ArrayList<>();
            do {
                skipSpaces();
                ids.add(string());
                skipSpaces();
            } while (peek(',') && pos++ >= 0);
            expect(']');
            Set<String> set = Set.copyOf(ids);
            return r -> set.contains(r.id());
        }
        throw error("unsupported clause on " + field);
    }

    private String identifier() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a field name");
        }
        return src.substring(start, pos);
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\n' || c == '\r') {
                throw error("raw line break in a string literal");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case '"', '\\', '\'' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw error("unknown escape \\" + e);
            }
        }
        throw error("unterminated string literal");
    }

    private boolean skipSpaces() {
        while (pos < src.length() && src.charAt(pos) == ' ') {
            pos++;
        }
        return true;
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected " + c);
        }
        pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + pos + " in: " + src);
    }
}
