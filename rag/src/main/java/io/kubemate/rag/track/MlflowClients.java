package io.kubemate.rag.track;

import java.lang.reflect.Field;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow_project.apachehttp.client.config.RequestConfig;
import org.mlflow_project.apachehttp.impl.client.CloseableHttpClient;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link MlflowClient}s with timeouts. The client builds its (shaded) Apache HTTP client without any, so a
 * server that accepts and never answers would hold the sending thread forever; there is no public way in, so the
 * configured client is put into the caller's package-private field. If a future client version moves that field, the
 * tracker still works, only without the timeouts, and says so once.
 */
final class MlflowClients {
    private static final Logger log = LoggerFactory.getLogger(MlflowClients.class);

    private MlflowClients() {}

    static MlflowClient open(MlflowSettings s) {
        BasicMlflowHostCreds creds = s.token().isEmpty()
                ? new BasicMlflowHostCreds(s.trackingUri())
                : new BasicMlflowHostCreds(s.trackingUri(), s.token());
        MlflowClient client = new MlflowClient(creds);
        int connect = (int) s.connectTimeout().toMillis();
        int request = (int) s.requestTimeout().toMillis();
        CloseableHttpClient http = HttpClientBuilder.create()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(connect)
                        .setConnectionRequestTimeout(connect)
                        .setSocketTimeout(request)
                        .build())
                .build();
        if (!withHttpClient(client, http)) {
            closeQuietly(http);
        }
        return client;
    }

    /** Whether {@code http} now serves {@code client}'s calls. */
    static boolean withHttpClient(MlflowClient client, CloseableHttpClient http) {
        try {
            Field callerField = MlflowClient.class.getDeclaredField("httpCaller");
            callerField.setAccessible(true);
            Object caller = callerField.get(client);
            Field httpField = caller.getClass().getDeclaredField("httpClient");
            httpField.setAccessible(true);
            httpField.set(caller, http);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn(
                    "MLflow client {} has no known HTTP client field; its calls run without timeouts ({})",
                    org.mlflow.tracking.MlflowClientVersion.getClientVersion(),
                    e.toString());
            return false;
        }
    }

    private static void closeQuietly(CloseableHttpClient http) {
        try {
            http.close();
        } catch (java.io.IOException e) {
            log.debug("closing an unused HTTP client failed: {}", e.toString());
        }
    }
}
