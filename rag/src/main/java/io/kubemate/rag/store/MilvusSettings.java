package io.kubemate.rag.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where {@link MilvusVectorStore} keeps its vectors. Every problem is reported at once, in one {@link
 * IllegalArgumentException} whose message lists them separated by {@code "; "}, each starting with the field name.
 *
 * @param uri the Milvus proxy's gRPC address ({@code http://milvus:19530}; {@code https} for TLS)
 * @param token {@code user:password} or an API key; empty connects without authentication
 * @param collection the collection's name; created (with its HNSW/COSINE index) when missing
 * @param dimension the vectors' number of dimensions; an existing collection must have the same
 * @param connectTimeout how long connecting may take (default 5 s)
 * @param requestTimeout how long one call may take (default 10 s)
 * @param loadTimeout how long loading the collection into memory at start may take (default 60 s)
 */
public record MilvusSettings(
        String uri,
        String token,
        String collection,
        int dimension,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration loadTimeout) {

    /** The collection used when none is configured. */
    public static final String DEFAULT_COLLECTION = "kubemate_memory";

    // Milvus collection names: a letter or underscore, then letters, digits and underscores, at most 255
    private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

    public MilvusSettings {
        uri = uri == null ? "" : uri.strip();
        token = token == null ? "" : token.strip();
        collection = collection == null || collection.isBlank() ? DEFAULT_COLLECTION : collection.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        loadTimeout = loadTimeout == null ? Duration.ofSeconds(60) : loadTimeout;
        List<String> problems = new ArrayList<>();
        checkUri(uri, problems);
        if (!COLLECTION_NAME.matcher(collection).matches()) {
            problems.add(
                    "collection: must match [A-Za-z_][A-Za-z0-9_]* (at most 255 characters), was '" + collection + "'");
        }
        if (dimension < 2 || dimension > 32_768) {
            problems.add("dimension: must be between 2 and 32768, was " + dimension);
        }
        atLeast("connectTimeout", connectTimeout, problems);
        atLeast("requestTimeout", requestTimeout, problems);
        atLeast("loadTimeout", loadTimeout, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Settings with the default collection and timeouts. */
    public static MilvusSettings of(String uri, String token, int dimension) {
        return new MilvusSettings(uri, token, DEFAULT_COLLECTION, dimension, null, null, null);
    }

    /** These settings with another collection. */
    public MilvusSettings withCollection(String name) {
        return new MilvusSettings(uri, token, name, dimension, connectTimeout, requestTimeout, loadTimeout);
    }

    /** These settings with other timeouts. */
    public MilvusSettings withTimeouts(Duration connect, Duration request, Duration load) {
        return new MilvusSettings(uri, token, collection, dimension, connect, request, load);
    }

    private static void checkUri(String uri, List<String> problems) {
        if (uri.isEmpty()) {
            problems.add("uri: is required");
            return;
        }
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                problems.add("uri: must be an http or https URL");
            } else if (u.getHost() == null) {
                problems.add("uri: has no host");
            } else if (u.getRawUserInfo() != null) {
                problems.add("uri: must not carry credentials; set them as the token");
            }
        } catch (URISyntaxException e) {
            problems.add("uri: is not a URL (" + e.getReason() + ")");
        }
    }

    private static void atLeast(String field, Duration value, List<String> problems) {
        if (value.compareTo(MIN_TIMEOUT) < 0) {
            problems.add(
                    field + ": must be at least " + MIN_TIMEOUT.toMillis() + " ms, was " + value.toMillis() + " ms");
        }
    }
}
