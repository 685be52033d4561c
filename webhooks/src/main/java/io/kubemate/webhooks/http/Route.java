package io.kubemate.webhooks.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * One served route. The feature packages publish their routes as a list of these; {@link KubemateHttpServer}
 * registers exactly that list, and the OpenAPI test checks the same list, so the two cannot drift apart.
 *
 * @param method the HTTP method
 * @param path the Javalin path, with {@code {name}} path parameters (the same syntax OpenAPI uses)
 * @param handler what serves it; it throws to signal errors, {@link KubemateHttpServer} maps them to problems
 * @param scope the API token scope it needs; enforced only on {@code /api/*} paths when API tokens are configured
 *     (other paths have their own checks, e.g. the webhook token or a Slack signature). Defaults: {@link
 *     ApiScope#READ} for GET, {@link ApiScope#WRITE} for anything else
 */
public record Route(HandlerType method, String path, Handler handler, ApiScope scope) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(scope, "scope");
    }

    /** A route with the default scope of its method. */
    public Route(HandlerType method, String path, Handler handler) {
        this(method, path, handler, method == HandlerType.GET ? ApiScope.READ : ApiScope.WRITE);
    }

    public static Route get(String path, Handler handler) {
        return new Route(HandlerType.GET, path, handler);
    }

    public static Route post(String path, Handler handler) {
        return new Route(HandlerType.POST, path, handler);
    }

    /** This route needing {@code needed} instead. */
    public Route withScope(ApiScope needed) {
        return new Route(method, path, handler, needed);
    }

    /** Whether the API tokens guard it (its path is under {@code /api}). */
    public boolean isApi() {
        return KubemateHttpServer.isApiPath(path);
    }
}
