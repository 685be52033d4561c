package io.kubemate.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value types of settings and how each is parsed; every parser throws IllegalArgumentException with a reason. */
public enum SettingType {
    STRING("text"),
    SECRET("secret text (never logged)"),
    INT("integer"),
    PORT("port 0-65535"),
    PATH("path"),
    LIST("comma-separated list"),
    DURATION("duration (`250ms`, `5s`, `10m`, `1h`, or ISO-8601 `PT10M`)"),
    SIZE("size in bytes (`1048576`, `512KiB`, `1MiB`)");

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE_TEXT = Pattern.compile("(\\d+)\\s*(|b|kib|kb|mib|mb|gib|gb)");

    private final String description;

    SettingType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Parses {@code text} into this type's Java value (String, Integer, Path, List, Duration, Long). */
    Object parse(String text) {
        String value = text.trim();
        return switch (this) {
            case STRING, SECRET -> value;
            case INT -> parseInt(value);
            case PORT -> parsePort(value);
            case PATH -> value.isEmpty() ? null : Path.of(value);
            case LIST -> value.isEmpty()
                    ? List.of()
                    : Arrays.stream(value.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .toList();
            case DURATION -> parseDuration(value);
            case SIZE -> parseSize(value);
        };
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + value + "'");
        }
    }

    private static int parsePort(String value) {
        int port = parseInt(value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
        return port;
    }

    static Duration parseDuration(String value) {
        if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: '" + value + "'");
            }
        }
        Matcher m = DURATION_TEXT.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (use 250ms, 5s, 10m, 1h): '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static long parseSize(String value) {
        Matcher m = SIZE_TEXT.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size (use 1048576, 512KiB, 1MiB): '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        long unit =
                switch (m.group(2)) {
                    case "kib", "kb" -> 1024L;
                    case "mib", "mb" -> 1024L * 1024;
                    case "gib", "gb" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
        return amount * unit;
    }
}
