package io.kubemate.webhooks.telemetry;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kubemate.webhooks.http.BearerToken;
import java.io.IOException;
import java.util.Optional;

/**
 * What every telemetry receiver does, cheapest check first: the token, the media type and content encoding, the
 * bounded body; then {@link #receive} parses and appends (nothing of a rejected request reaches the sink) and
 * answers. Failures are counted here and answered by the server's one exception mapper.
 */
abstract class TelemetryHandler implements Handler {
    private final String receiver;
    private final String kind;
    private final Optional<BearerToken> token;
    private final TelemetryBodies bodies;
    private final TelemetryMetrics metrics;

    TelemetryHandler(
            String receiver,
            String kind,
            Optional<BearerToken> token,
            TelemetryBodies bodies,
            TelemetryMetrics metrics) {
        this.receiver = receiver;
        this.kind = kind;
        this.token = token;
        this.bodies = bodies;
        this.metrics = metrics;
    }

    @Override
    public final void handle(Context ctx) throws IOException {
        try {
            token.ifPresent(t -> t.require(ctx));
            requireMediaType(TelemetryBodies.mediaType(ctx.header("Content-Type")));
            TelemetryBodies.requireKnownEncoding(ctx);
            int records = receive(ctx, bodies.read(ctx));
            metrics.accepted(receiver, kind, records);
        } catch (RuntimeException | IOException e) {
            metrics.failed(receiver, e);
            throw e;
        }
    }

    /**
     * Throws {@link io.javalin.http.UnsupportedMediaTypeResponse} for a media type this receiver does not read.
     *
     * @param mediaType lower-cased, without parameters; empty when the header is absent
     */
    abstract void requireMediaType(String mediaType);

    /**
     * Parses {@code body}, appends the records (returning only once they are durable) and writes the success answer.
     *
     * @return how many records were appended
     */
    abstract int receive(Context ctx, byte[] body);
}
