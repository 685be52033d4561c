package io.kubemate.webhooks.ui;

import io.javalin.http.Context;
import io.kubemate.webhooks.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The web page: {@code GET /} and its two assets, read once from the classpath. They hold no data (the script reads
 * the API), so they need no token; every answer forbids anything but same-origin content ({@code
 * Content-Security-Policy: default-src 'self'}) and MIME sniffing. Public only so {@link
 * io.kubemate.webhooks.http.KubemateHttpServer} can wire it.
 */
public final class PageRoutes {
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final byte[] html = load("index.html");
    private final byte[] script = load("app.js");
    private final byte[] style = load("app.css");

    public List<Route> routes() {
        return List.of(
                Route.get("/", ctx -> serve(ctx, "text/html; charset=utf-8", html)),
                Route.get("/ui/app.js", ctx -> serve(ctx, "text/javascript; charset=utf-8", script)),
                Route.get("/ui/app.css", ctx -> serve(ctx, "text/css; charset=utf-8", style)));
    }

    private static void serve(Context ctx, String contentType, byte[] body) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(contentType).result(body);
    }

    private static byte[] load(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
