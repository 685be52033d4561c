package io.kubemate.core.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/** Where an incident stands. Open and acknowledged incidents are both "active": alerts still join them. */
public enum IncidentStatus {
    @JsonProperty("open")
    OPEN,
    @JsonProperty("acknowledged")
    ACKNOWLEDGED,
    @JsonProperty("resolved")
    RESOLVED;

    public boolean isActive() {
        return this != RESOLVED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name ({@code open}, {@code acknowledged}, {@code resolved}). */
    public static Optional<IncidentStatus> fromWireName(String text) {
        for (IncidentStatus status : values()) {
            if (status.wireName().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
