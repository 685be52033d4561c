/**
 * The HTTP edge itself: {@link io.kubemate.webhooks.http.KubemateHttpServer} (Javalin), its
 * {@link io.kubemate.webhooks.http.HttpSettings}, bearer-token checks, the route table shared by the feature packages,
 * and the one mapping of exceptions to RFC 9457 {@code application/problem+json}.
 */
package io.kubemate.webhooks.http;
