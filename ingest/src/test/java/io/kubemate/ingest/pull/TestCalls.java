package io.kubemate.ingest.pull;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Clients wired to a fake backend, and waiting on calls with a deadline instead of trusting them to return. */
final class TestCalls {
    /** Longest any call in these tests may take before the test fails instead of hanging. */
    static final Duration GUARD = Duration.ofSeconds(20);

    private TestCalls() {}

    static PullHttp http(
            String url, String name, PullAuth auth, Map<String, String> headers, Duration timeout, long maxBytes) {
        return new PullHttp(
                PullHttp.newClient(Duration.ofSeconds(2)),
                name,
                url,
                auth,
                headers,
                timeout,
                maxBytes,
                new ObjectMapper());
    }

    static PullHttp http(FakeBackend backend, String name) {
        return http(backend.url(), name, PullAuth.NONE, Map.of(), Duration.ofSeconds(5), 1024 * 1024);
    }

    /** What {@code call} throws, waiting at most {@link #GUARD}. */
    static Throwable failureOf(Supplier<?> call) {
        CompletableFuture<?> future = CompletableFuture.supplyAsync(call);
        try {
            Object value = future.get(GUARD.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            future.cancel(true);
            return fail("the call was still running after " + GUARD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of {@code future}, waiting at most {@link #GUARD}. */
    static <T> T await(Future<T> future) {
        try {
            return future.get(GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the future failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the future was not complete after " + GUARD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
