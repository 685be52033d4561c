package io.kubemate.rag.track;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where {@link MlflowModelTracker} sends runs. Every problem is reported at once, in one {@link
 * IllegalArgumentException} whose message lists them separated by {@code "; "}, each starting with the field name.
 *
 * @param trackingUri the MLflow tracking server's base URL ({@code http://mlflow:5000}); only HTTP(S) servers work
 * @param token sent as {@code Authorization: Bearer}; empty sends nothing
 * @param experiment the experiment runs go to, created when missing (default {@code kubemate-rca})
 * @param registeredModel the registered model that gets one version per model and prompt combination (default {@code
 *     kubemate-rca-summarizer})
 * @param connectTimeout how long opening a connection may take (default 2 s)
 * @param requestTimeout how long waiting for an answer may take (default 10 s)
 * @param queueCapacity runs and ratings waiting to be sent; when full, new ones are dropped (default 256)
 */
public record MlflowSettings(
        String trackingUri,
        String token,
        String experiment,
        String registeredModel,
        Duration connectTimeout,
        Duration requestTimeout,
        int queueCapacity) {

    /** The default experiment. */
    public static final String DEFAULT_EXPERIMENT = "kubemate-rca";
    /** The default registered model. */
    public static final String DEFAULT_REGISTERED_MODEL = "kubemate-rca-summarizer";

    // kept to characters that need no quoting in MLflow search filters
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

    public MlflowSettings {
        trackingUri = trackingUri == null ? "" : trackingUri.strip();
        while (trackingUri.endsWith("/")) {
            trackingUri = trackingUri.substring(0, trackingUri.length() - 1);
        }
        token = token == null ? "" : token.strip();
        experiment = experiment == null || experiment.isBlank() ? DEFAULT_EXPERIMENT : experiment.strip();
        registeredModel = registeredModel == null || registeredModel.isBlank()
                ? DEFAULT_REGISTERED_MODEL
                : registeredModel.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        List<String> problems = new ArrayList<>();
        checkUri(trackingUri, problems);
        if (experiment.length() > 500 || experiment.contains("\n")) {
            problems.add("experiment: must be one line of at most 500 characters");
        }
        if (!NAME.matcher(registeredModel).matches()) {
            problems.add("registeredModel: must match [A-Za-z0-9_.-]{1,200}, was '" + registeredModel + "'");
        }
        atLeast("connectTimeout", connectTimeout, problems);
        atLeast("requestTimeout", requestTimeout, problems);
        if (queueCapacity < 1 || queueCapacity > 100_000) {
            problems.add("queueCapacity: must be between 1 and 100000, was " + queueCapacity);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Settings with the default experiment, registered model, timeouts and queue. */
    public static MlflowSettings of(String trackingUri, String token) {
        return new MlflowSettings(trackingUri, token, null, null, null, null, 256);
    }

    /** These settings with other timeouts. */
    public MlflowSettings withTimeouts(Duration connect, Duration request) {
        return new MlflowSettings(trackingUri, token, experiment, registeredModel, connect, request, queueCapacity);
    }

    /** These settings with another queue capacity. */
    public MlflowSettings withQueueCapacity(int capacity) {
        return new MlflowSettings(
                trackingUri, token, experiment, registeredModel, connectTimeout, requestTimeout, capacity);
    }

    private static void checkUri(String uri, List<String> problems) {
        if (uri.isEmpty()) {
            problems.add("trackingUri: is required");
            return;
        }
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                problems.add("trackingUri: must be an http or https URL (the Java client has no local store)");
            } else if (u.getHost() == null) {
                problems.add("trackingUri: has no host");
            }
        } catch (URISyntaxException e) {
            problems.add("trackingUri: is not a URL (" + e.getReason() + ")");
        }
    }

    private static void atLeast(String field, Duration value, List<String> problems) {
        if (value.compareTo(MIN_TIMEOUT) < 0) {
            problems.add(
                    field + ": must be at least " + MIN_TIMEOUT.toMillis() + " ms, was " + value.toMillis() + " ms");
        }
    }
}
