package io.kubemate.ingest.loki;

import io.kubemate.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the label string of a protobuf push stream, a Prometheus selector of equality matchers as Loki prints it:
 * {@code {app="payments",env="prod"}}. Values are Go-quoted strings with Go's escapes (quote, backslash, a, b, f, n,
 * r, t, v, x with 2 hex digits, u with 4, U with 8, 3 octal digits); names are Prometheus label names, or quoted like
 * values.
 */
final class LabelSelector {
    private final String text;
    private final String field;
    private int pos;

    private LabelSelector(String text, String field) {
        this.text = text;
        this.field = field;
    }

    static Map<String, String> parse(String text, String field, int maxLabels) {
        return new LabelSelector(text, field).labels(maxLabels);
    }

    private Map<String, String> labels(int maxLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        skipSpaces();
        expect('{');
        skipSpaces();
        if (peek() == '}') {
            pos++;
            return end(labels);
        }
        while (true) {
            skipSpaces();
            String name = peek() == '"' ? quoted() : name();
            skipSpaces();
            expect('=');
            skipSpaces();
            String value = quoted();
            if (labels.put(name, value) != null) {
                throw fail("label " + name + " appears twice");
            }
            if (labels.size() > maxLabels) {
                throw fail("too many labels, at most " + maxLabels);
            }
            skipSpaces();
            char next = next();
            if (next == '}') {
                return end(labels);
            }
            if (next != ',') {
                pos--;
                throw fail("expected ',' or '}'");
            }
        }
    }

    private Map<String, String> end(Map<String, String> labels) {
        skipSpaces();
        if (pos != text.length()) {
            throw fail("unexpected text after '}'");
        }
        return labels;
    }

    private String name() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean ok = c == '_'
                    || (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (pos > start && c >= '0' && c <= '9');
            if (!ok) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw fail("expected a label name");
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                escape(value);
            } else if (c == '\n') {
                pos--;
                throw fail("unterminated string");
            } else {
                value.append(c);
            }
        }
    }

    private void escape(StringBuilder value) {
        char c = next();
        switch (c) {
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000b');
            case '\\', '"', '\'' -> value.append(c);
            case 'x' -> value.append((char) hex(2));
            case 'u' -> value.appendCodePoint(hex(4));
            case 'U' -> value.appendCodePoint(codePoint(hex(8)));
            default -> {
                if (c >= '0' && c <= '7') {
                    pos--;
                    value.append((char) octal());
                } else {
                    pos--;
                    throw fail("unknown escape \\" + c);
                }
            }
        }
    }

    private int hex(int digits) {
        long v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(next(), 16);
            if (d < 0) {
                pos--;
                throw fail("expected " + digits + " hex digits in an escape");
            }
            v = v * 16 + d;
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    private int codePoint(int v) {
        if (!Character.isValidCodePoint(v)) {
            throw fail("escape is not a valid code point");
        }
        return v;
    }

    private int octal() {
        int v = 0;
        for (int i = 0; i < 3; i++) {
            char c = next();
            if (c < '0' || c > '7') {
                pos--;
                throw fail("expected 3 octal digits in an escape");
            }
            v = v * 8 + (c - '0');
        }
        if (v > 255) {
            throw fail("octal escape above \\377");
        }
        return v;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw fail("unexpected end");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private InvalidInputException fail(String what) {
        return new InvalidInputException(
                field, "labels must be a selector such as {app=\"payments\"}: " + what + " at position " + pos);
    }
}
