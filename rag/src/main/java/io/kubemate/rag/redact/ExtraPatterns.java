package io.kubemate.rag.redact;

import java.util.regex.Pattern;

/**
 * What the core redactor does not look for: vendor tokens recognisable by their prefix, and IP addresses. Bounded or
 * possessive quantifiers only, no nested repetition.
 */
final class ExtraPatterns {
    /** GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens, and fine-grained PATs. */
    static final Pattern GITHUB_TOKEN =
            Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,255}+|github_pat_[A-Za-z0-9_]{40,255}+)\\b");
    /** Slack bot, user, app, refresh and legacy tokens. */
    static final Pattern SLACK_TOKEN = Pattern.compile("\\bxox[abeoprs]-[A-Za-z0-9-]{10,255}+");

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    /** Dotted quads, not when part of a longer dotted run such as a version {@code 1.2.3.4.5}. */
    static final Pattern IPV4 = Pattern.compile("(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\.?\\w)");

    private static final String HEX = "[0-9A-Fa-f]{1,4}";
    /** Full and {@code ::}-compressed forms; not times ({@code 12:30:45}) or MAC addresses (six groups, no {@code ::}). */
    static final Pattern IPV6 = Pattern.compile("(?<![\\w:.])(?:"
            + "(?:" + HEX + ":){7}" + HEX
            + "|(?:" + HEX + ":){1,7}:(?:" + HEX + "(?::" + HEX + "){0,6})?"
            + "|::" + HEX + "(?::" + HEX + "){0,6}"
            + ")(?![\\w:.])");

    private ExtraPatterns() {}
}
