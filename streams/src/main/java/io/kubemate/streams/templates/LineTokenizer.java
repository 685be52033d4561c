package io.kubemate.streams.templates;

/**
 * Splits a line into tokens and masks the variable ones, by hand (no regular expressions), into buffers reused from
 * line to line. Not thread-safe: one per {@link TemplateMiner}.
 *
 * <p>Tokens are separated by whitespace, except that a double-quoted string that opens a token or a value ({@code
 * "...", key="...", "key":"..."}) stays one token, and so does a bracket opened inside a token ({@code
 * method(Unknown Source)}, {@code pods=[a b c]}) up to its matching close within {@value #MAX_GROUP} characters. Values
 * of the message keys {@code msg}, {@code message} and {@code event} are split into words instead: they carry the
 * event's text, the other fields are attributes. A line that starts with {@code {} is read as JSON: {@code ,}, {@code
 * {} and {@code }} outside strings separate tokens too.
 *
 * <p>A token, or the value of a {@code key=value} / {@code "key":value} token, is variable and becomes {@code <*>}
 * when it holds a digit (numbers, hex, ids, IPv4 and IPv6, UUIDs, durations such as {@code 12ms}, timestamps,
 * versions) unless it is a word with one trailing digit ({@code ssh2}, {@code sha1}), when it holds {@code ://}
 * (URLs), when it is a path ({@code /a/b}, {@code ./a}, {@code ~/a}) or an e-mail address. Surrounding punctuation,
 * the key of a key/value pair and a name before a bracket ({@code sshd[<*>]:}, {@code Foo.bar(<*>)}) are kept.
 */
final class LineTokenizer {
    /** Longest quoted string or bracket group kept as one token. */
    static final int MAX_GROUP = 512;

    private final int maxTokens;
    private char[] in = new char[512];
    private char[] out = new char[1024];
    private int outLen;
    private boolean json;
    private boolean inMessage;

    int count;
    /** Index of the first token after the line's header (0 when no header was recognised). */
    int messageStart;

    int[] starts;
    int[] lengths;
    int[] hashes;
    int[] ids;

    LineTokenizer(int maxTokens) {
        this.maxTokens = maxTokens;
        starts = new int[maxTokens];
        lengths = new int[maxTokens];
        hashes = new int[maxTokens];
        ids = new int[maxTokens];
    }

    /** Tokenizes and masks {@code line}; {@link #ids} hold dictionary ids or {@link TokenDictionary#ABSENT}. */
    void tokenize(String line, TokenDictionary dictionary) {
        int n = line.length();
        if (in.length < n) {
            in = new char[Math.max(n, in.length * 2)];
        }
        if (out.length < n + 4 * maxTokens + 8) {
            out = new char[Math.max(n + 4 * maxTokens + 8, out.length * 2)];
        }
        line.getChars(0, n, in, 0);
        count = 0;
        outLen = 0;
        inMessage = false;
        int i = skipSpace(0, n);
        json = i < n && in[i] == '{';
        if (json) {
            i = skipJsonSeparators(i, n);
        }
        while (i < n) {
            if (count == maxTokens - 1) {
                emitWildcard(); // the rest of an over-long line is one variable token
                break;
            }
            int end = Math.min(n, json ? endOfJsonToken(i, n) : endOfToken(i, n));
            if (end <= i) {
                end = i + 1; // a lone separator: never stall
            }
            emit(i, end);
            i = json ? skipJsonSeparators(end, n) : skipSpace(end, n);
        }
        for (int t = 0; t < count; t++) {
            ids[t] = dictionary.find(out, starts[t], lengths[t], hashes[t]);
        }
        messageStart = 0;
        for (int t = Math.min(count - 1, HEADER_TOKENS - 1); t >= 0; t--) {
            if (endsHeader(t)) {
                messageStart = t + 1;
                break;
            }
        }
    }

    /** Tokens searched for the end of a header. */
    static final int HEADER_TOKENS = 8;

    /**
     * Whether token {@code t} closes a header: {@code ...]}, {@code ...]:} (not in a {@code key=value}), a level such
     * as {@code LOG:} or {@code ERROR:}, or a lone separator {@code :}, {@code -}, {@code ---}, {@code |}.
     */
    private boolean endsHeader(int t) {
        int s = starts[t];
        int e = s + lengths[t];
        char last = out[e - 1];
        if (lengths[t] <= 3 && (last == ':' || last == '-' || last == '|') && (lengths[t] == 1 || out[s] == last)) {
            return true;
        }
        boolean equals = false;
        boolean upper = true;
        for (int i = s; i < e; i++) {
            char c = out[i];
            equals |= c == '=' || c == '"';
            upper &= (c >= 'A' && c <= 'Z') || i == e - 1;
        }
        if (equals) {
            return false;
        }
        if (last == ']' || (last == ':' && lengths[t] >= 2 && out[e - 2] == ']')) {
            return true;
        }
        return last == ':' && upper && lengths[t] >= 4;
    }

    char[] chars() {
        return out;
    }

    String text(int token) {
        return new String(out, starts[token], lengths[token]);
    }

    private int skipSpace(int i, int n) {
        while (i < n && in[i] <= ' ') {
            i++;
        }
        return i;
    }

    private int skipJsonSeparators(int i, int n) {
        if (inMessage) {
            return skipSpace(i, n);
        }
        while (i < n && (in[i] <= ' ' || in[i] == ',' || in[i] == '{' || in[i] == '}')) {
            i++;
        }
        return i;
    }

    private int endOfToken(int s, int n) {
        boolean messageValue = isMessageKey(s, n, '=');
        int i = s;
        while (i < n) {
            char c = in[i];
            if (c <= ' ') {
                break;
            }
            if (c == '"' && !messageValue && (i == s || in[i - 1] == '=' || in[i - 1] == ':')) {
                int close = closingQuote(i + 1, n);
                if (close > 0) {
                    i = close + 1;
                    continue;
                }
            } else if ((c == '(' || c == '[' || c == '{') && i > s) {
                int close = closingBracket(i, n);
                if (close > 0) {
                    i = close + 1;
                    continue;
                }
            }
            i++;
        }
        return i;
    }

    private int endOfJsonToken(int s, int n) {
        int i = s;
        if (inMessage) {
            return endOfMessageWord(i, n);
        }
        boolean inString = false;
        while (i < n) {
            char c = in[i];
            if (inString) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                inString = c != '"';
                i++;
                continue;
            }
            if (c <= ' ' || c == ',' || c == '{' || c == '}') {
                break;
            }
            if (c == '"') {
                if (i > s && in[i - 1] == ':' && isMessageKey(s, n, ':')) {
                    inMessage = true;
                    return endOfMessageWord(i + 1, n);
                }
                inString = true;
            } else if (c == '[' && i > s) {
                int close = closingBracket(i, n);
                if (close > 0) {
                    i = close + 1;
                    continue;
                }
            }
            i++;
        }
        return i;
    }

    private int endOfMessageWord(int i, int n) {
        while (i < n) {
            char c = in[i];
            if (c <= ' ') {
                return i;
            }
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                inMessage = false;
                return i + 1;
            }
            i++;
        }
        return Math.min(i, n);
    }

    /** Whether the token at {@code s} starts with {@code msg=} / {@code "msg":} (message, event likewise). */
    private boolean isMessageKey(int s, int n, char separator) {
        int k = s;
        boolean quoted = separator == ':';
        if (quoted) {
            if (k >= n || in[k] != '"') {
                return false;
            }
            k++;
        }
        int keyStart = k;
        while (k < n && k - keyStart <= 8 && Character.isLetter(in[k])) {
            k++;
        }
        int keyLen = k - keyStart;
        if (quoted) {
            if (k >= n || in[k] != '"') {
                return false;
            }
            k++;
        }
        if (k >= n || in[k] != separator) {
            return false;
        }
        return keyIs(keyStart, keyLen, "msg") || keyIs(keyStart, keyLen, "message") || keyIs(keyStart, keyLen, "event");
    }

    private boolean keyIs(int start, int len, String key) {
        if (len != key.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (Character.toLowerCase(in[start + i]) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int closingQuote(int i, int n) {
        int limit = Math.min(n, i + MAX_GROUP);
        while (i < limit) {
            char c = in[i];
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private int closingBracket(int i, int n) {
        int limit = Math.min(n, i + MAX_GROUP);
        int depth = 0;
        for (; i < limit; i++) {
            char c = in[i];
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private void emitWildcard() {
        int start = outLen;
        append(TokenDictionary.WILDCARD_TEXT);
        record(start);
    }

    private void emit(int s, int e) {
        int start = outLen;
        int separator = keyValueSeparator(s, e);
        if (separator >= 0) {
            copy(s, separator + 1);
            if (isVariableValue(separator + 1, e)) {
                append(TokenDictionary.WILDCARD_TEXT);
            } else {
                copy(separator + 1, e);
            }
            record(start);
            return;
        }
        int a = s;
        int b = e;
        while (a < b && isOpening(in[a])) {
            a++;
        }
        while (b > a && isClosing(in[b - 1])) {
            b--;
        }
        int name = a;
        while (name < b && isNameChar(in[name])) {
            name++;
        }
        boolean named = name > a && name < b && (in[name] == '[' || in[name] == '(');
        if (named) {
            a = name + 1; // keep sshd[ / Foo.bar( and mask what the brackets hold
        }
        if (a < b && (named ? isVariableInside(a, b) : isVariable(a, b))) {
            copy(s, a);
            append(TokenDictionary.WILDCARD_TEXT);
            copy(b, e);
        } else {
            copy(s, e);
        }
        record(start);
    }

    /** The index of {@code =} in {@code key=value} or of {@code :} in {@code "key":value}, or -1. */
    private int keyValueSeparator(int s, int e) {
        if (in[s] == '"') {
            int close = s + 1;
            while (close < e && in[close] != '"') {
                close++;
            }
            return close + 1 < e && close > s + 1 && in[close + 1] == ':' ? close + 1 : -1;
        }
        for (int i = s; i < e && i - s <= 48; i++) {
            char c = in[i];
            if (c == '=') {
                return i > s ? i : -1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
                return -1;
            }
        }
        return -1;
    }

    private boolean isVariableValue(int a, int b) {
        while (a < b && (in[a] == '"' || in[a] == '[')) {
            a++;
        }
        while (b > a && (in[b - 1] == '"' || in[b - 1] == ',' || in[b - 1] == ']')) {
            b--;
        }
        return a < b && isVariable(a, b);
    }

    /** In brackets after a name ({@code Foo.bar(Foo.java:88)}) a source location is data, not the statement's place. */
    private boolean isVariableInside(int a, int b) {
        return isVariable(a, b) || (hasDigit(a, b) && isSourceLocation(a, b));
    }

    private boolean hasDigit(int a, int b) {
        for (int i = a; i < b; i++) {
            if (isDigit(in[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code in[a, b)} is a variable: holds a digit, is a URL, a path or an e-mail address. */
    private boolean isVariable(int a, int b) {
        int digits = 0;
        int letters = 0;
        int at = -1;
        boolean scheme = false;
        boolean dotAfterAt = false;
        boolean innerSlash = false;
        for (int i = a; i < b; i++) {
            char c = in[i];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            } else if (c == '@') {
                at = i;
            } else if (c == '.' && at >= 0) {
                dotAfterAt = true;
            } else if (c == '/' && i > a) {
                innerSlash = true;
                if (i >= a + 2 && in[i - 1] == '/' && in[i - 2] == ':') {
                    scheme = true;
                }
            }
        }
        if (digits > 0 && isSourceLocation(a, b)) {
            return false; // kubelet.go:2458, Foo.java:88: the place of a logging statement is part of the event
        }
        if (digits > 0) {
            // ssh2, sha1, http2: a word with one trailing digit is a word
            return !(digits == 1 && letters >= 2 && letters == b - a - 1 && isDigit(in[b - 1]));
        }
        if (scheme || (at > a && dotAfterAt)) {
            return true;
        }
        char first = in[a];
        return innerSlash && (first == '/' || first == '~' || (first == '.' && a + 1 < b && in[a + 1] == '/'));
    }

    private static final String[] SOURCE_EXTENSIONS = {
        "go", "java", "kt", "scala", "py", "rs", "c", "cc", "cpp", "h", "js", "ts", "rb", "cs", "php", "ex", "erl",
        "swift"
    };

    /** {@code name.ext:123} with a programming language's file extension. */
    private boolean isSourceLocation(int a, int b) {
        int colon = b - 1;
        while (colon > a && isDigit(in[colon])) {
            colon--;
        }
        if (colon == b - 1 || in[colon] != ':') {
            return false;
        }
        int dot = colon - 1;
        while (dot > a && Character.isLetter(in[dot])) {
            dot--;
        }
        if (dot <= a || in[dot] != '.') {
            return false;
        }
        for (int i = a; i < dot; i++) {
            if (isDigit(in[i])) {
                return false;
            }
        }
        for (String ext : SOURCE_EXTENSIONS) {
            if (ext.length() == colon - dot - 1 && new String(in, dot + 1, colon - dot - 1).equals(ext)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isOpening(char c) {
        return c == '(' || c == '[' || c == '{' || c == '<' || c == '"' || c == '\'';
    }

    private static boolean isClosing(char c) {
        return c == ')' || c == ']' || c == '}' || c == '>' || c == '"' || c == '\'' || c == ',' || c == ';' || c == ':'
                || c == '.' || c == '!' || c == '?';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetter(c) || c == '_' || c == '-' || c == '.' || c == '$' || c == '/';
    }

    private void copy(int from, int to) {
        int len = to - from;
        System.arraycopy(in, from, out, outLen, len);
        outLen += len;
    }

    private void append(String text) {
        for (int i = 0; i < text.length(); i++) {
            out[outLen++] = text.charAt(i);
        }
    }

    private void record(int start) {
        starts[count] = start;
        lengths[count] = outLen - start;
        hashes[count] = TokenDictionary.hash(out, start, outLen - start);
        count++;
    }
}
