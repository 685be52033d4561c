package io.kubemate.rag.memory;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Fetches one runbook URL as text: GET, no redirects (a redirect could leave the allowed hosts), one deadline for the
 * whole exchange, the body cut at a byte cap; markdown and plain text as they are, HTML crudely turned into text.
 * Anything else, any status but 200, a timeout or an I/O error gives nothing. Read as UTF-8.
 */
final class RunbookClient {
    private static final Pattern DROPPED = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern HEADING = Pattern.compile("(?i)<h([1-6])\\b[^>]*>");
    private static final Pattern ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern BLOCK =
            Pattern.compile("(?i)</?(p|div|br|tr|pre|ul|ol|table|section|h[1-6])\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");

    private final HttpClient http;
    private final Duration timeout;
    private final int maxBytes;

    RunbookClient(Duration timeout, int maxBytes) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The text at {@code uri}, or empty when it cannot be had in time or is not text. */
    Optional<String> fetch(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "text/markdown, text/plain, text/html;q=0.8")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(
                request,
                info -> info.statusCode() == 200
                        ? new CappedBody(maxBytes)
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            HttpResponse<byte[]> answer = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            String type = answer.headers()
                    .firstValue("content-type")
                    .orElse("text/plain")
                    .toLowerCase(Locale.ROOT);
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
                return Optional.of(htmlToText(body));
            }
            return type.startsWith("text/") ? Optional.of(body) : Optional.empty();
        } catch (TimeoutException | ExecutionException e) {
            response.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Crude HTML to markdown-ish text: headings become {@code #} lines, list items {@code -} lines, tags go. */
    static String htmlToText(String html) {
        String text = DROPPED.matcher(html).replaceAll(" ");
        text = HEADING.matcher(text).replaceAll(m -> "\n\n" + "#".repeat(Integer.parseInt(m.group(1))) + " ");
        text = ITEM.matcher(text).replaceAll("\n- ");
        text = BLOCK.matcher(text).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        return text.replaceAll("[ \\t]+", " ")
                .replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    /** Collects at most {@code max} bytes, then cancels the rest of the body. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int max;
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), max - out.size());
                byte[] bytes = new byte[take];
                item.get(bytes);
                out.write(bytes, 0, take);
            }
            if (out.size() >= max && !result.isDone()) {
                subscription.cancel();
                result.complete(out.toByteArray());
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
