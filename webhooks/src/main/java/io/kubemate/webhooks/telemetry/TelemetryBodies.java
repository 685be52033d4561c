package io.kubemate.webhooks.telemetry;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.kubemate.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads request bodies within bounds: at most {@code maxBodyBytes} as sent (also when chunked, without a declared
 * length), and for {@code Content-Encoding: gzip} at most {@value #INFLATE_FACTOR} times that once inflated.
 */
final class TelemetryBodies {
    /** How much larger than the body limit a gzip body may become once inflated. */
    static final int INFLATE_FACTOR = 8;

    private final long maxBodyBytes;
    private final long maxInflatedBytes;

    TelemetryBodies(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxInflatedBytes = Math.min(Integer.MAX_VALUE - 8L, maxBodyBytes * INFLATE_FACTOR);
    }

    /** The body with its content encoding undone. */
    byte[] read(Context ctx) throws IOException {
        String encoding = encodingOf(ctx.header("Content-Encoding"));
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return encoding.equals("gzip") ? gunzip(body) : body;
    }

    /** Checks the encoding before the body is read: {@code gzip} and {@code identity} (or none) are known. */
    static void requireKnownEncoding(Context ctx) {
        encodingOf(ctx.header("Content-Encoding"));
    }

    private static String encodingOf(String header) {
        if (header == null || header.isBlank()) {
            return "identity";
        }
        String encoding = header.strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity" -> "identity";
            case "gzip", "x-gzip" -> "gzip";
            default -> throw new UnsupportedMediaTypeResponse(
                    "Content-Encoding '" + printable(encoding) + "' is not supported; send gzip or no encoding");
        };
    }

    private byte[] gunzip(byte[] body) {
        byte[] inflated;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            inflated = in.readNBytes((int) maxInflatedBytes + 1);
        } catch (IOException e) {
            throw new InvalidInputException("/", "the body is not valid gzip (Content-Encoding: gzip)");
        }
        if (inflated.length > maxInflatedBytes) {
            throw new ContentTooLargeResponse("the gzip body inflates to more than " + maxInflatedBytes + " bytes");
        }
        return inflated;
    }

    private ContentTooLargeResponse tooLarge() {
        return new ContentTooLargeResponse(
                "the body is larger than " + maxBodyBytes + " bytes; send smaller batches or raise the limit");
    }

    /** The media type of a {@code Content-Type} value, lower-cased, without parameters; empty when absent. */
    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** A header value safe to echo in an error message. */
    static String printable(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
