package io.kubemate.rag.memory;

import io.kubemate.core.incident.Incident;
import io.kubemate.rag.embed.Embedder;
import io.kubemate.rag.store.VectorRecord;
import io.kubemate.rag.store.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runbooks in the vector store, as chunks of about {@link RunbookSettings#chunkChars()} cut at markdown headings, each
 * stored as {@code runbook:<key>#<n>} with metadata {@code kind=runbook} and {@code source=<key>#<heading path>}, where
 * the key is a file's path relative to the runbooks directory or a fetched URL (which also gets {@code url=<url>}).
 * Everything is redacted with {@code redactor} before it is embedded.
 *
 * <p>{@link #refresh()}, to be called periodically, indexes new files and files whose content changed (mtime and
 * size first, then a SHA-256 of the content) and deletes the chunks of removed files. What it knows lives in memory:
 * after a restart every file is indexed once again (an upsert), and chunks of files removed while the process was down
 * stay in the store. {@link #indexLinked} fetches the {@code runbook_url} annotations of an incident's alerts that the
 * allow-list permits, at most once per {@link RunbookSettings#cacheTtl()} each; it may block for up to {@link
 * RunbookSettings#fetchTimeout()} per URL, so it belongs on a worker thread. Both are synchronized.
 */
public final class Runbooks {
    private static final Logger LOG = LoggerFactory.getLogger(Runbooks.class);

    private final VectorStore store;
    private final Embedder embedder;
    private final UnaryOperator<String> redactor;
    private final RunbookSettings settings;
    private final Clock clock;
    private final RunbookClient client;
    private final Map<String, FileState> files = new HashMap<>();
    private final Map<String, UrlState> urls = new HashMap<>();

    private record FileState(long modified, long size, String hash, int chunks) {}

    private record UrlState(Instant fetchedAt, String hash, int chunks) {}

    /**
     * @param store where the chunks go (the same store as the incidents)
     * @param embedder turns chunks into vectors of the store's dimension
     * @param redactor the pseudonymizer applied to every runbook before it is embedded and stored
     * @param settings the directory, the URL allow-list and limits
     * @param clock measures the URL cache's age
     */
    public Runbooks(
            VectorStore store,
            Embedder embedder,
            UnaryOperator<String> redactor,
            RunbookSettings settings,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new RunbookClient(settings.fetchTimeout(), settings.maxFetchBytes());
    }

    /**
     * Brings the store in line with the runbooks directory. A missing directory counts as empty; a file that cannot
     * be read keeps its previous chunks.
     */
    public synchronized RunbookRefresh refresh() {
        if (settings.directory().isEmpty()) {
            return new RunbookRefresh(0, 0, 0, 0);
        }
        Path dir = settings.directory().get();
        Set<String> seen = new HashSet<>();
        int indexed = 0;
        int unchanged = 0;
        int chunks = 0;
        Optional<List<Path>> listed = markdownFiles(dir);
        if (listed.isEmpty()) {
            return new RunbookRefresh(0, files.size(), 0, 0);
        }
        for (Path file : listed.get()) {
            String key = dir.relativize(file).toString().replace('\\', '/');
            seen.add(key);
            try {
                int written = refreshFile(key, file);
                indexed += written > 0 ? 1 : 0;
                unchanged += written > 0 ? 0 : 1;
                chunks += written;
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("runbook {} not readable, keeping what was indexed: {}", file, e.toString());
            }
        }
        List<String> gone =
                files.keySet().stream().filter(key -> !seen.contains(key)).toList();
        for (String key : gone) {
            store.delete(ids(key, 0, files.remove(key).chunks()));
        }
        return new RunbookRefresh(indexed, unchanged, gone.size(), chunks);
    }

    /**
     * Fetches and indexes the {@code runbook_url} annotations of {@code incident}'s alerts that are http(s), on an
     * allowed host, and not fetched within the cache TTL. An unreachable URL keeps what was indexed from it before.
     *
     * @return how many URLs were (re)indexed
     */
    public synchronized int indexLinked(Incident incident) {
        int indexed = 0;
        Instant now = clock.instant();
        for (String url : IncidentMemory.linkedUrls(incident)) {
            UrlState known = urls.get(url);
            if (known != null && now.isBefore(known.fetchedAt().plus(settings.cacheTtl()))) {
                continue;
            }
            Optional<URI> uri = allowed(url);
            if (uri.isEmpty()) {
                continue;
            }
            Optional<String> text = client.fetch(uri.get());
            int before = known == null ? 0 : known.chunks();
            if (text.isEmpty()) {
                LOG.debug("runbook {} unreachable", url);
                urls.put(url, new UrlState(now, known == null ? "" : known.hash(), before));
                continue;
            }
            String hash = sha256(text.get().getBytes(StandardCharsets.UTF_8));
            if (known != null && known.hash().equals(hash)) {
                urls.put(url, new UrlState(now, hash, before));
                continue;
            }
            urls.put(url, new UrlState(now, hash, index(url, text.get(), Map.of(IncidentMemory.URL, url), before)));
            indexed++;
        }
        return indexed;
    }

    /** The URI of {@code url} when it may be fetched: http or https, on an allowed host. */
    Optional<URI> allowed(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && uri.getUserInfo() == null && settings.allows(uri.getHost())
                    ? Optional.of(uri)
                    : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private int refreshFile(String key, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long modified = attributes.lastModifiedTime().toMillis();
        FileState known = files.get(key);
        if (known != null && known.modified() == modified && known.size() == attributes.size()) {
            return 0;
        }
        byte[] content = Files.readAllBytes(file);
        String hash = sha256(content);
        int before = known == null ? 0 : known.chunks();
        if (known != null && known.hash().equals(hash)) {
            files.put(key, new FileState(modified, attributes.size(), hash, before));
            return 0;
        }
        int written = index(key, new String(content, StandardCharsets.UTF_8), Map.of(), before);
        files.put(key, new FileState(modified, attributes.size(), hash, written));
        return Math.max(written, 1);
    }

    /** Replaces the chunks of {@code key} by those of {@code markdown}; returns how many there are now. */
    private int index(String key, String markdown, Map<String, String> extra, int before) {
        List<MarkdownChunks.Chunk> chunks = MarkdownChunks.of(redactor.apply(markdown), settings.chunkChars());
        List<float[]> vectors = embedder.embedAll(
                chunks.stream().map(MarkdownChunks.Chunk::text).toList());
        List<VectorRecord> records = new ArrayList<>();
        for (int n = 0; n < chunks.size(); n++) {
            Map<String, String> metadata = new LinkedHashMap<>(extra);
            metadata.put(IncidentMemory.KIND, IncidentMemory.RUNBOOK);
            String heading = chunks.get(n).heading();
            metadata.put(IncidentMemory.SOURCE, heading.isEmpty() ? key : key + "#" + heading);
            records.add(
                    new VectorRecord(id(key, n), vectors.get(n), chunks.get(n).text(), metadata));
        }
        if (!records.isEmpty()) {
            store.upsert(records);
        }
        if (before > chunks.size()) {
            store.delete(ids(key, chunks.size(), before));
        }
        return chunks.size();
    }

    /** The markdown files below {@code dir}, none when it is missing, empty when it cannot be listed. */
    private static Optional<List<Path>> markdownFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.warn("runbooks directory {} is missing; treating it as empty", dir);
            return Optional.of(List.of());
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return Optional.of(walk.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".md") || name.endsWith(".markdown");
                    })
                    .sorted()
                    .toList());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("runbooks directory {} not readable, keeping what was indexed: {}", dir, e.toString());
            return Optional.empty();
        }
    }

    static String id(String key, int n) {
        return IncidentMemory.RUNBOOK + ":" + key + "#" + n;
    }

    private static List<String> ids(String key, int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> id(key, n)).toList();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
