package io.kubemate.webhooks.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.NotFoundException;
import io.kubemate.core.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers: every error is an {@code application/problem+json} body, and
 * nothing about the exception but its message (for expected kinds) reaches the client. Unexpected exceptions are
 * logged here, once, with the request; handlers never log what they throw.
 */
final class ProblemMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private static final Map<Integer, String[]> KINDS = Map.ofEntries(
            Map.entry(400, new String[] {"bad-request", "Bad request"}),
            Map.entry(401, new String[] {"unauthorized", "Unauthorized"}),
            Map.entry(403, new String[] {"forbidden", "Forbidden"}),
            Map.entry(404, new String[] {"not-found", "Not found"}),
            Map.entry(405, new String[] {"method-not-allowed", "Method not allowed"}),
            Map.entry(409, new String[] {"conflict", "Conflict"}),
            Map.entry(413, new String[] {"body-too-large", "Request body too large"}),
            Map.entry(415, new String[] {"unsupported-media-type", "Unsupported media type"}),
            Map.entry(429, new String[] {"too-many-requests", "Too many requests"}),
            Map.entry(431, new String[] {"header-fields-too-large", "Request header fields too large"}),
            Map.entry(503, new String[] {"unavailable", "Service unavailable"}));

    /** Answers given before the request body was (fully) read. */
    private static final java.util.Set<Integer> BODY_MAY_BE_UNREAD = java.util.Set.of(401, 404, 405, 413, 415);

    /** How much of an unread request body is read and dropped before an early answer (413, 415, ...) is sent. */
    static final long DRAIN_BYTES = 4L * 1024 * 1024;

    private final ObjectMapper mapper;

    ProblemMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void handle(Exception exception, Context ctx) {
        if (exception instanceof InvalidInputException invalid) {
            write(
                    ctx,
                    new Problem(
                            type("invalid-field"),
                            "Invalid input",
                            400,
                            invalid.getMessage(),
                            invalid.field(),
                            ctx.path()));
        } else if (exception instanceof NotFoundException notFound) {
            write(ctx, problem(404, notFound.getMessage(), ctx));
        } else if (exception instanceof UnavailableException unavailable) {
            ctx.header("Retry-After", Long.toString(retryAfterSeconds(unavailable.retryAfter())));
            write(ctx, problem(503, unavailable.getMessage(), ctx));
        } else if (exception instanceof HttpResponseException response) {
            write(ctx, problem(response.getStatus(), response.getMessage(), ctx));
        } else {
            LOG.error("unexpected error serving {} {}", ctx.method(), ctx.path(), exception);
            write(
                    ctx,
                    new Problem(
                            type("internal-error"),
                            "Internal server error",
                            500,
                            "an unexpected error occurred; it has been logged",
                            null,
                            ctx.path()));
        }
    }

    /** The same shape for statuses Javalin produces without an exception (unmatched routes). */
    void handleStatus(int status, String detail, Context ctx) {
        write(ctx, problem(status, detail, ctx));
    }

    private static Problem problem(int status, String detail, Context ctx) {
        return problem(status, detail, ctx.path());
    }

    /** The problem for a plain status, with the stable type and title of that status. */
    static Problem problem(int status, String detail, String instance) {
        String[] kind = KINDS.getOrDefault(status, new String[] {"http-" + status, "HTTP " + status});
        return new Problem(type(kind[0]), kind[1], status, detail, null, instance);
    }

    byte[] toBytes(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            // a record of strings always serializes; keep a body anyway rather than fail the failure path
            return ("{\"status\":" + problem.status() + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private void write(Context ctx, Problem problem) {
        byte[] body = toBytes(problem);
        if (BODY_MAY_BE_UNREAD.contains(problem.status())) {
            drain(ctx);
            // an unread rest of the body would be taken for the next request on a kept-alive connection
            ctx.header("Connection", "close");
        }
        ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(body);
    }

    /**
     * Reads and drops what is left of the request body, at most {@link #DRAIN_BYTES}. Closing a connection while
     * request bytes are still unread makes TCP reset it, and the reset discards the answer on its way: a client that
     * sent a body too large (or of the wrong type) saw a broken connection instead of its 413 (or 415). A body larger
     * than the bound still has its connection closed unread; Jetty's idle timeout bounds a slow sender.
     */
    private static void drain(Context ctx) {
        byte[] buffer = new byte[8192];
        long left = DRAIN_BYTES;
        try {
            InputStream in = ctx.req().getInputStream();
            for (int n = 0; n >= 0 && left > 0; n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the connection is closed after the answer anyway; nothing to report about a body we refused
        }
    }

    private static String type(String slug) {
        return Problem.TYPE_BASE + slug;
    }

    static long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter == null) {
            return 1;
        }
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
