package io.kubemate.core.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An incident's id: {@code inc-} and 16 hex digits. Derived from what opened the incident, so replaying the same
 * input after a crash yields the same id.
 */
public record IncidentId(String value) implements Comparable<IncidentId> {
    private static final Pattern SHAPE = Pattern.compile("inc-[0-9a-f]{16}");

    @JsonCreator
    public IncidentId {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not an incident id: " + value);
        }
    }

    public static boolean isValid(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The id of the incident opened in {@code scopeKey} by alert {@code fingerprint} at {@code epochMillis}. */
    public static IncidentId derive(String scopeKey, String fingerprint, long epochMillis) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(
                    (scopeKey + '\n' + fingerprint + '\n' + epochMillis).getBytes(StandardCharsets.UTF_8));
            return new IncidentId("inc-" + HexFormat.of().formatHex(hash, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** The key of one member alert of this incident on the incident-alerts topic: {@code <id>/<fingerprint>}. */
    public String memberKey(String fingerprint) {
        return value + "/" + fingerprint;
    }

    /** The incident id of a {@link #memberKey(String) member key}, or empty when the key has another shape. */
    public static Optional<IncidentId> ofMemberKey(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        return slash > 0 && isValid(key.substring(0, slash))
                ? Optional.of(new IncidentId(key.substring(0, slash)))
                : Optional.empty();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(IncidentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
