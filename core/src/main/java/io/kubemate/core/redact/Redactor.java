package io.kubemate.core.redact;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text, replacing each with {@code [REDACTED:<kind>]} and keeping what says what it was (the
 * key, the auth scheme, the user of a connection string), so a redacted line still reads.
 *
 * <p>What it finds: private key blocks ({@code -----BEGIN ... PRIVATE KEY-----} to its end, or to the end of the text
 * when the block is cut), JWTs ({@code eyJ...}), {@code Authorization}/{@code Proxy-Authorization} values and {@code
 * Bearer}/{@code Basic} credentials anywhere, AWS access key ids ({@code AKIA}/{@code ASIA} + 16), passwords in
 * connection strings ({@code scheme://user:pass@host}), values of secret-like keys ({@code password}, {@code passwd},
 * {@code pwd}, {@code secret}, {@code token}, {@code api_key}, {@code apikey}, {@code access_key}, {@code
 * private_key}, {@code credential}, also as part of a longer key such as {@code DB_PASSWORD} or {@code clientSecret})
 * in the forms {@code key=value}, {@code key: value}, {@code "key":"value"} and quoted variants, long tokens written
 * after such a key with a space ({@code X-Api-Key 3f9a...}), payment card numbers (13–19 digits, spaces or dashes
 * allowed, first digit 2–6, valid Luhn checksum), and, when asked for, e-mail addresses.
 *
 * <p>Cost: linear in the text. Private keys, JWTs, connection strings, key/value secrets and card numbers are found
 * by hand-written scans; the few patterns left (authorization headers, bearer/basic, AWS ids, spaced tokens, e-mail)
 * have bounded or possessive quantifiers and no nested repetition, and run only when a cheap check finds their trigger. Stateless and
 * thread-safe.
 */
public final class Redactor {
    private static final Pattern AUTH_HEADER =
            Pattern.compile("(?i)(\\b(?:proxy-)?authorization\"?\\s{0,8}[:=]\\s{0,8}\"?)"
                    + "((?:bearer|basic|digest|token|negotiate|aws4-hmac-sha256)\\s{1,8})?"
                    + "([^\\s\",;\\[][^\\s\",;]{0,8191}+)");
    private static final Pattern BEARER =
            Pattern.compile("(?i)\\b(bearer|basic)(\\s{1,8})([A-Za-z0-9._~+/-]{8,8192}+=*+)");
    private static final Pattern AWS_KEY = Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b");
    private static final Pattern KEY_SPACE_TOKEN = Pattern.compile(
            "(?i)\\b((?:x-)?(?:api[_-]?key|token|secret|signature|sig)\\s{1,8})([A-Za-z0-9+/_-]{20,4096}+={0,2})");
    /** GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens, and fine-grained PATs. */
    private static final Pattern GITHUB_TOKEN =
            Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,255}+|github_pat_[A-Za-z0-9_]{40,255}+)\\b");
    /** Slack bot, user, app, refresh and legacy tokens. */
    private static final Pattern SLACK_TOKEN = Pattern.compile("\\bxox[abeoprs]-[A-Za-z0-9-]{10,255}+");

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}+");

    private final boolean emails;

    /** Redacts secrets, keeps e-mail addresses. */
    public Redactor() {
        this(false);
    }

    private Redactor(boolean emails) {
        this.emails = emails;
    }

    /** A redactor that masks e-mail addresses as well ({@code [REDACTED:email]}). */
    public static Redactor withEmails() {
        return new Redactor(true);
    }

    /** The text with every secret found replaced; {@code null} gives the empty string. */
    public String redact(String text) {
        return redact(text, Mask.LABEL);
    }

    /**
     * Finds the same secrets as {@link #redact(String)} but writes each one as {@code replacement.apply(kind,
     * secret)}, where {@code kind} is the label {@link #redact(String)} would use ({@code jwt}, {@code password},
     * {@code aws-access-key}, {@code email}, ...) and {@code secret} the exact text it replaces. Called once per
     * secret, in order of appearance; {@code null} text gives the empty string.
     */
    public String redact(String text, BiFunction<String, String, String> replacement) {
        Marks marks = new Marks();
        return marks.resolve(redact(text, marks), replacement);
    }

    private String redact(String text, Mask mask) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String out = privateKeys(text, mask);
        String lower = out.toLowerCase(Locale.ROOT);
        if (out.contains("eyJ")) {
            out = Tokens.jwts(out, mask);
        }
        if (lower.contains("authorization")) {
            out = replace(
                    AUTH_HEADER,
                    out,
                    m -> m.group(3).startsWith("[REDACTED")
                            ? m.group()
                            : m.group(1) + nullToEmpty(m.group(2)) + mask.apply(label(m.group(2)), m.group(3)));
        }
        if (lower.contains("bearer") || lower.contains("basic")) {
            out = replace(
                    BEARER,
                    out,
                    m -> m.group(1) + m.group(2) + mask.apply(m.group(1).toLowerCase(Locale.ROOT), m.group(3)));
        }
        if (out.contains("gh") || out.contains("github_pat_")) {
            out = replace(GITHUB_TOKEN, out, m -> mask.apply("github-token", m.group()));
        }
        if (out.contains("xox")) {
            out = replace(SLACK_TOKEN, out, m -> mask.apply("slack-token", m.group()));
        }
        if (out.contains("AKIA") || out.contains("ASIA")) {
            out = replace(AWS_KEY, out, m -> mask.apply("aws-access-key", m.group()));
        }
        if (out.contains("://")) {
            out = Tokens.urlPasswords(out, mask);
        }
        if (hasSecretWord(lower)) {
            out = SecretValues.redact(out, mask);
            out = replace(KEY_SPACE_TOKEN, out, m -> m.group(1) + mask.apply("token", m.group(2)));
        }
        out = Cards.redact(out, mask);
        if (emails && out.indexOf('@') >= 0) {
            out = replace(EMAIL, out, m -> mask.apply("email", m.group()));
        }
        return out;
    }

    private static String label(String scheme) {
        return scheme == null ? "authorization" : scheme.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean hasSecretWord(String lower) {
        return lower.contains("pass")
                || lower.contains("pwd")
                || lower.contains("secret")
                || lower.contains("token")
                || lower.contains("key")
                || lower.contains("credential");
    }

    private static String privateKeys(String text, Mask mask) {
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        while (begin >= 0) {
            int headerEnd = text.indexOf("-----", begin + 11);
            if (headerEnd < 0 || !text.substring(begin + 11, headerEnd).endsWith("PRIVATE KEY")) {
                begin = text.indexOf("-----BEGIN ", begin + 11);
                continue;
            }
            int end = text.indexOf("-----END ", headerEnd + 5);
            int close = end < 0 ? -1 : text.indexOf("-----", end + 9);
            int blockEnd = close < 0 ? text.length() : close + 5;
            sb.append(text, from, begin).append(mask.apply("private-key", text.substring(begin, blockEnd)));
            from = blockEnd;
            begin = text.indexOf("-----BEGIN ", from);
        }
        return sb.append(text, from, text.length()).toString();
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        do {
            sb.append(text, last, m.start()).append(replacement.apply(m));
            last = m.end();
        } while (m.find());
        return sb.append(text, last, text.length()).toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
