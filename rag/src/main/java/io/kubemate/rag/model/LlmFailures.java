package io.kubemate.rag.model;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** Sorts what an LLM call threw: could the server not be reached at all, or did it answer badly? */
final class LlmFailures {
    private static final int MAX_MESSAGE_CHARS = 200;

    private LlmFailures() {}

    /** Whether {@code e} means the server could not be reached in time: refused, unknown host, timed out. */
    static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof HttpTimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnresolvedAddressException
                    || t instanceof UnresolvedModelServerException) {
                return true;
            }
        }
        return false;
    }

    /** A short description for logs and the summary's fallback reason: the exception type and first message. */
    static String describe(Throwable e) {
        String status = "";
        for (Throwable t = e; t != null && status.isEmpty(); t = t.getCause() == t ? null : t.getCause()) {
            status = t instanceof HttpException http ? "HTTP " + http.statusCode() + " " : "";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message =
                root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\s+", " ");
        return DataText.cut(status + root.getClass().getSimpleName() + message, MAX_MESSAGE_CHARS);
    }
}
