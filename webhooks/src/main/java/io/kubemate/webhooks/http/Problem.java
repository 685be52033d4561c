package io.kubemate.webhooks.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body.
 *
 * @param type a stable URI per kind of problem ({@code https://kubemate.io/problems/<slug>})
 * @param title a short summary of the kind, the same for every occurrence
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param field the offending field (a JSON pointer into the body, or a query/path parameter name), when known
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String field, String instance) {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://kubemate.io/problems/";
}
