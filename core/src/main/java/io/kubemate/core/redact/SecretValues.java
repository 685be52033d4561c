package io.kubemate.core.redact;

import java.util.Locale;

/**
 * Values of secret-like keys, by hand: at each {@code =} or {@code :} look back at most {@value #MAX_KEY} characters
 * for a key ({@code [A-Za-z0-9_.-]}, optionally quoted, also with escaped quotes as in JSON inside a JSON string),
 * and when it names a secret replace the value after it (a double- or single-quoted string, an escaped-quoted one,
 * or a bare run up to whitespace, {@code , ; & } ]} or a quote). Linear in the text.
 */
final class SecretValues {
    static final int MAX_KEY = 64;
    private static final int MAX_SPACES = 8;

    private SecretValues() {}

    static String redact(String text, Mask mask) {
        StringBuilder sb = null;
        int last = 0;
        int n = text.length();
        for (int sep = 0; sep < n; sep++) {
            char c = text.charAt(sep);
            if ((c != '=' && c != ':') || sep < last) {
                continue;
            }
            String kind = keyKind(text, sep);
            if (kind == null) {
                continue;
            }
            int valueStart = sep + 1;
            int spaces = 0;
            while (valueStart < n && text.charAt(valueStart) == ' ' && spaces++ < MAX_SPACES) {
                valueStart++;
            }
            if (valueStart >= n) {
                break;
            }
            if (c == ':' && valueStart + 1 < n && text.startsWith("//", valueStart)) {
                continue; // scheme://, handled as a connection string
            }
            char quote = text.charAt(valueStart);
            int valueEnd;
            int contentStart;
            int contentEnd;
            if (quote == '\\' && valueStart + 1 < n && text.charAt(valueStart + 1) == '"') {
                // JSON inside a JSON string: {\"password\":\"value\"}
                contentStart = valueStart + 2;
                int close = text.indexOf("\\\"", contentStart);
                contentEnd = close < 0 ? n : close;
                valueEnd = Math.min(n, contentEnd + 2);
            } else if (quote == '"' || quote == '\'') {
                contentStart = valueStart + 1;
                contentEnd = closingQuote(text, contentStart, quote);
                valueEnd = Math.min(n, contentEnd + 1);
            } else {
                contentStart = valueStart;
                contentEnd = bareEnd(text, valueStart);
                valueEnd = contentEnd;
            }
            String content = text.substring(contentStart, contentEnd);
            if (content.isEmpty()
                    || content.startsWith("[REDACTED")
                    || content.chars().allMatch(ch -> ch == '*')) {
                continue;
            }
            if (kind.equals("pwd-dir") && content.startsWith("/")) {
                continue; // PWD=/home/bob is a working directory
            }
            if (sb == null) {
                sb = new StringBuilder(n + 32);
            }
            String label = kind.equals("pwd-dir") ? "password" : kind;
            sb.append(text, last, contentStart).append(mask.apply(label, content));
            last = contentEnd;
            sep = valueEnd - 1;
        }
        return sb == null ? text : sb.append(text, last, n).toString();
    }

    /** The kind of secret the key before {@code sep} names, or null. */
    private static String keyKind(String text, int sep) {
        int end = sep;
        int spaces = 0;
        while (end > 0 && text.charAt(end - 1) == ' ' && spaces++ < MAX_SPACES) {
            end--;
        }
        if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
            end--;
            if (end > 0 && text.charAt(end - 1) == '\\') {
                end--; // an escaped quote: JSON inside a JSON string
            }
        }
        int start = end;
        while (start > 0 && end - start < MAX_KEY && isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            return null;
        }
        String key = text.substring(start, end).toLowerCase(Locale.ROOT);
        if (key.contains("pass")) {
            return "password";
        }
        if (key.equals("pwd")) {
            return "pwd-dir";
        }
        if (key.contains("pwd")) {
            return "password";
        }
        if (key.contains("secret")) {
            return "secret";
        }
        if (key.contains("token")) {
            return "token";
        }
        if (key.contains("apikey") || key.contains("api_key") || key.contains("api-key")) {
            return "api-key";
        }
        if (key.contains("access_key") || key.contains("accesskey") || key.contains("access-key")) {
            return "access-key";
        }
        if (key.contains("private_key") || key.contains("privatekey") || key.contains("private-key")) {
            return "private-key";
        }
        return key.contains("credential") ? "credential" : null;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '.'
                || c == '-';
    }

    private static int closingQuote(String text, int i, char quote) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i;
            }
            i++;
        }
        return n;
    }

    private static int bareEnd(String text, int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c <= ' ' || c == ',' || c == ';' || c == '&' || c == '"' || c == '\'' || c == '}' || c == ']') {
                return i;
            }
            i++;
        }
        return n;
    }
}
