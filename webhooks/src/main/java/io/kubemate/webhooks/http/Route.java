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
 */
public record Route(HandlerType method, String path, Handler handler) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route get(String path, Handler handler) {
        return new Route(HandlerType.GET, path, handler);
    }

    public static Route post(String path, Handler handler) {
        return new Route(HandlerType.POST, path, handler);
    }
}
