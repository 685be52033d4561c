package io.kubemate.rag.memory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where runbooks come from and how they are cut.
 *
 * @param directory the folder of markdown runbooks ({@code KUBEMATE_RUNBOOKS_DIR}), empty for none
 * @param allowedHosts the hosts {@code runbook_url} annotations may be fetched from: exact host names, or {@code
 *     .example.com} for every host below {@code example.com}. Empty (the default) fetches nothing: a URL in an alert is
 *     input from whoever writes alert rules, and fetching it from inside the cluster is a server-side request forgery
 *     risk, so even {@code localhost} must be listed on purpose
 * @param fetchTimeout the whole time a fetch may take, connection, headers and body
 * @param maxFetchBytes a fetched body is cut at this many bytes
 * @param cacheTtl how long a fetched URL (or a failure to fetch it) is kept before it is fetched again
 * @param chunkChars a chunk's target size in characters
 */
public record RunbookSettings(
        Optional<Path> directory,
        Set<String> allowedHosts,
        Duration fetchTimeout,
        int maxFetchBytes,
        Duration cacheTtl,
        int chunkChars) {

    public RunbookSettings {
        Objects.requireNonNull(directory, "directory");
        allowedHosts = allowedHosts == null
                ? Set.of()
                : allowedHosts.stream()
                        .map(host -> host.strip().toLowerCase(Locale.ROOT))
                        .filter(host -> !host.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        if (fetchTimeout == null || fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("fetchTimeout must be positive");
        }
        if (cacheTtl == null || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative");
        }
        if (maxFetchBytes < 1 || chunkChars < 200) {
            throw new IllegalArgumentException("maxFetchBytes must be positive and chunkChars at least 200");
        }
    }

    /** Runbooks from {@code directory} (may be {@code null}); no URL is fetched; 2 s, 512 KiB, 15 min, 800 chars. */
    public static RunbookSettings of(Path directory) {
        return new RunbookSettings(
                Optional.ofNullable(directory),
                Set.of(),
                Duration.ofSeconds(2),
                512 * 1024,
                Duration.ofMinutes(15),
                800);
    }

    /** These settings with {@code hosts} allowed for {@code runbook_url} fetches. */
    public RunbookSettings withAllowedHosts(Set<String> hosts) {
        return new RunbookSettings(directory, hosts, fetchTimeout, maxFetchBytes, cacheTtl, chunkChars);
    }

    /** Whether {@code host} may be fetched from. */
    boolean allows(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return allowedHosts.contains(name)
                || allowedHosts.stream().anyMatch(entry -> entry.startsWith(".") && name.endsWith(entry));
    }
}
