package io.kubemate.core.alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An alert's identity: 16 lower-case hex digits, the same value Alertmanager puts in {@code fingerprint}.
 *
 * <p>{@link #of(Map)} computes it exactly as Prometheus' {@code model.LabelSet.Fingerprint()} does (FNV-1a 64 over
 * the label names and values sorted by name, each followed by the 0xff separator byte), so a fingerprint we
 * compute for a body without one matches the one Alertmanager would have sent.
 */
public record Fingerprint(String value) {
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");
    private static final long OFFSET_64 = 0xcbf29ce484222325L;
    private static final long PRIME_64 = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    public Fingerprint {
        Objects.requireNonNull(value, "value");
        if (!HEX16.matcher(value).matches()) {
            throw new IllegalArgumentException("fingerprint must be 16 lower-case hex digits: " + value);
        }
    }

    /** Whether {@code text} has the shape of a fingerprint. */
    public static boolean isValid(String text) {
        return text != null && HEX16.matcher(text).matches();
    }

    /** Alertmanager's fingerprint of a label set. */
    public static Fingerprint of(Map<String, String> labels) {
        long hash = OFFSET_64;
        for (var label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey());
            hash = addByte(hash, SEPARATOR);
            hash = add(hash, label.getValue());
            hash = addByte(hash, SEPARATOR);
        }
        return new Fingerprint(String.format("%016x", hash));
    }

    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME_64;
    }

    @Override
    public String toString() {
        return value;
    }
}
