package io.kubemate.slack.message;

import io.kubemate.core.redact.Redactor;

/**
 * Text from alerts, logs and summaries on its way into a Slack message: secrets redacted, then {@code &}, {@code <}
 * and {@code >} escaped, so no label, log line or model output can make a link, a mention ({@code <!channel>}) or a
 * formatting escape. Links Kubemate itself builds are made with {@link #link(String, String)}.
 */
public final class Mrkdwn {
    private final Redactor redactor;

    public Mrkdwn(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Redacted and escaped for a mrkdwn text object. */
    public String text(String raw) {
        return escape(redactor.redact(raw == null ? "" : raw));
    }

    /** Redacted, for a plain_text object (Slack does not parse links or mentions there); cut to {@code max}. */
    public String plain(String raw, int max) {
        return cut(redactor.redact(raw == null ? "" : raw), max);
    }

    /** A link to {@code url} (Kubemate built it) labelled with escaped {@code label}. */
    public static String link(String url, String label) {
        return "<" + url.replace(">", "%3E").replace("|", "%7C").replace(" ", "%20") + "|" + escape(label) + ">";
    }

    /** Escapes the three characters Slack's mrkdwn gives meaning to. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code text} cut to at most {@code max} characters, with an ellipsis when cut. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
