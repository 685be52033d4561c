package io.kubemate.core.redact;

/** JWTs and connection-string passwords, by hand and in linear time. */
final class Tokens {
    private Tokens() {}

    /** {@code eyJ<b64url>.eyJ<b64url>.<b64url>} → {@code [REDACTED:jwt]}. */
    static String jwts(String text, Mask mask) {
        StringBuilder sb = null;
        int last = 0;
        int from = 0;
        int n = text.length();
        while (true) {
            int start = text.indexOf("eyJ", from);
            if (start < 0) {
                break;
            }
            int headerEnd = base64UrlEnd(text, start);
            if (headerEnd - start < 8
                    || headerEnd >= n
                    || text.charAt(headerEnd) != '.'
                    || !text.startsWith("eyJ", headerEnd + 1)) {
                from = Math.max(start + 3, headerEnd); // any eyJ inside this run ends at the same place
                continue;
            }
            int payloadEnd = base64UrlEnd(text, headerEnd + 1);
            if (payloadEnd - headerEnd < 8 || payloadEnd >= n || text.charAt(payloadEnd) != '.') {
                from = Math.max(start + 3, payloadEnd);
                continue;
            }
            int end = base64UrlEnd(text, payloadEnd + 1);
            if (sb == null) {
                sb = new StringBuilder(n);
            }
            sb.append(text, last, start).append(mask.apply("jwt", text.substring(start, end)));
            last = end;
            from = end;
        }
        return sb == null ? text : sb.append(text, last, n).toString();
    }

    /** {@code scheme://user:password@host} → {@code scheme://user:[REDACTED:password]@host}. */
    static String urlPasswords(String text, Mask mask) {
        StringBuilder sb = null;
        int last = 0;
        int from = 0;
        int n = text.length();
        while (true) {
            int scheme = text.indexOf("://", from);
            if (scheme < 0) {
                break;
            }
            int userStart = scheme + 3;
            from = userStart;
            if (scheme == 0 || !Character.isLetterOrDigit(text.charAt(scheme - 1))) {
                continue;
            }
            int colon = -1;
            int at = -1;
            for (int i = userStart; i < n && i - userStart <= 512; i++) {
                char c = text.charAt(i);
                if (c <= ' ' || c == '/' || c == '"' || c == '\'' || c == '[') {
                    break;
                }
                if (c == ':' && colon < 0) {
                    colon = i;
                } else if (c == '@') {
                    at = i; // the last @ before the host: passwords may hold @ escaped or not
                }
            }
            if (colon < 0 || at < colon || colon == userStart || at == colon + 1) {
                continue;
            }
            if (text.startsWith("[REDACTED", colon + 1)) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n + 16);
            }
            sb.append(text, last, colon + 1).append(mask.apply("password", text.substring(colon + 1, at)));
            last = at;
            from = at + 1;
        }
        return sb == null ? text : sb.append(text, last, n).toString();
    }

    private static int base64UrlEnd(String text, int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                break;
            }
            i++;
        }
        return i;
    }
}
