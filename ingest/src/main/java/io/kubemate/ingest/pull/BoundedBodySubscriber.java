package io.kubemate.ingest.pull;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Collects a response body up to {@code limit} bytes. Past the limit it either fails with the exception {@code
 * tooLarge} supplies (bodies we must parse whole) or keeps the first {@code limit} bytes (error bodies, read only for
 * their message); either way it cancels the rest of the transfer.
 */
final class BoundedBodySubscriber implements BodySubscriber<byte[]> {
    private final long limit;
    private final long declaredLength;
    private final Supplier<RuntimeException> tooLarge;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    /**
     * @param limit bytes kept at most
     * @param declaredLength the {@code Content-Length}, or -1 when unknown
     * @param tooLarge the failure past the limit; null keeps the first {@code limit} bytes instead
     */
    BoundedBodySubscriber(long limit, long declaredLength, Supplier<RuntimeException> tooLarge) {
        this.limit = limit;
        this.declaredLength = declaredLength;
        this.tooLarge = tooLarge;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (tooLarge != null && declaredLength > limit) {
            s.cancel();
            result.completeExceptionally(tooLarge.get());
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : items) {
            int room = (int) Math.min(Integer.MAX_VALUE, limit - out.size());
            if (buffer.remaining() > room) {
                subscription.cancel();
                if (tooLarge != null) {
                    result.completeExceptionally(tooLarge.get());
                } else {
                    write(buffer, room);
                    result.complete(out.toByteArray());
                }
                return;
            }
            write(buffer, buffer.remaining());
        }
    }

    private void write(ByteBuffer buffer, int count) {
        byte[] chunk = new byte[count];
        buffer.get(chunk);
        out.write(chunk, 0, count);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
