package io.kubemate.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import io.kubemate.core.incident.IncidentStatus;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiScopesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "inc-0000000000000001";

    private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    private TestEdge edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    private TestEdge edge(HttpSettings settings) {
        edge = new TestEdge(settings);
        edge.index.upsert(TestEdge.incident(1, IncidentStatus.OPEN, 10));
        return edge;
    }

    private static String token(ApiScope scope) {
        return scope.wireName() + "-secret";
    }

    /** A status and, for refusals only, the body: an allowed call may be a stream (SSE) that never ends. */
    private record Answer(int statusCode, String body, java.net.http.HttpHeaders headers) {}

    private Answer call(Route route, String token) throws IOException {
        String path = route.path().replace("{id}", ID);
        HttpRequest.Builder request = edge.request(path).timeout(java.time.Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (route.method() == HandlerType.GET) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(route.method().name(), HttpRequest.BodyPublishers.ofString("{}"));
        }
        try {
            // answered once the headers are in; the body is read only for refusals, which are small problems
            HttpResponse<java.io.InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                String text = response.statusCode() == 401 || response.statusCode() == 403
                        ? new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        : "";
                return new Answer(response.statusCode(), text, response.headers());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void withAuthConfiguredEveryRouteButHealthReadinessMetricsAndThePageNeedsAToken() throws IOException {
        // the webhook token guards the receivers, the API tokens guard /api/*; walk everything that is served
        edge(HttpSettings.defaults()
                .withWebhookToken("webhook-secret")
                .withApiTokens(List.of(new ApiToken("ops", Set.of(ApiScope.READ), "ops-secret")))
                .withActionWait(java.time.Duration.ZERO));
        Set<String> open = Set.of("/healthz", "/readyz", "/metrics");
        List<Route> all = new java.util.ArrayList<>(edge.server.routes());
        assertThat(all).extracting(Route::path).contains("/webhooks/alertmanager", "/api/v1/incidents", "/v1/traces");

        for (Route route : all) {
            String name = route.method() + " " + route.path();
            Answer answer = call(route, null);
            if (open.contains(route.path())) {
                assertThat(answer.statusCode()).as(name + " is open").isNotEqualTo(401);
            } else {
                assertThat(answer.statusCode()).as(name + " without a token").isEqualTo(401);
                assertThat(answer.headers().firstValue("Content-Type"))
                        .as(name)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(call(route, "webhook-secret-but-wrong").statusCode())
                        .as(name + " with a wrong token")
                        .isEqualTo(401);
            }
        }
        // the page's static files carry no data (ADR 0012): deliberately open
        for (Route page : edge.server.pageRoutes()) {
            assertThat(page.path()).doesNotStartWith("/api").doesNotStartWith("/webhooks");
            assertThat(call(page, null).statusCode()).as(page.path()).isEqualTo(200);
        }
    }

    @Test
    void everyApiRouteRefusesAMissingOrUnknownTokenAndATokenWithoutItsScope() throws IOException {
        // one token per scope: each holds exactly one
        List<ApiToken> tokens = List.of(
                new ApiToken("reader", Set.of(ApiScope.READ), token(ApiScope.READ)),
                new ApiToken("writer", Set.of(ApiScope.WRITE), token(ApiScope.WRITE)),
                new ApiToken("admin", Set.of(ApiScope.ADMIN), token(ApiScope.ADMIN)));
        // the action handlers answer 202 at once instead of waiting for the view: the walk stays quick
        edge(HttpSettings.defaults().withApiTokens(tokens).withActionWait(java.time.Duration.ZERO));
        edge.actions.applying = false;

        List<Route> api = edge.server.routes().stream().filter(Route::isApi).toList();
        assertThat(api).hasSizeGreaterThan(5);
        for (Route route : api) {
            String name = route.method() + " " + route.path();
            Answer missing = call(route, null);
            Answer unknown = call(route, "not-a-token");
            assertThat(missing.statusCode()).as(name + " without a token").isEqualTo(401);
            assertThat(unknown.statusCode()).as(name + " with an unknown token").isEqualTo(401);
            for (ApiScope scope : ApiScope.values()) {
                Answer answer = call(route, token(scope));
                if (scope == route.scope()) {
                    assertThat(answer.statusCode())
                            .as(name + " with its scope " + scope)
                            .isNotIn(401, 403);
                } else {
                    assertThat(answer.statusCode())
                            .as(name + " with scope " + scope + " only")
                            .isEqualTo(403);
                    JsonNode problem = JSON.readTree(answer.body());
                    assertThat(answer.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                    assertThat(problem.get("type").asText()).isEqualTo("https://kubemate.io/problems/forbidden");
                    assertThat(problem.get("detail").asText())
                            .contains("'" + route.scope().wireName() + "'");
                    assertThat(answer.body()).doesNotContain(token(scope));
                }
            }
        }
    }

    @Test
    void readingNeedsReadAndActingNeedsWriteByDefault() {
        edge(HttpSettings.defaults());

        for (Route route : edge.server.routes()) {
            if (route.isApi() && route.method() == HandlerType.GET) {
                assertThat(route.scope()).as(route.path()).isEqualTo(ApiScope.READ);
            }
            if (route.isApi() && route.method() == HandlerType.POST) {
                assertThat(route.scope()).as(route.path()).isIn(ApiScope.WRITE, ApiScope.ADMIN);
            }
        }
    }

    @Test
    void theSingleApiTokenHoldsEveryScopeAndNamesTheActor() {
        edge(HttpSettings.defaults().withApiToken("legacy-secret"));

        var read = edge.send(edge.request("/api/v1/incidents").header("Authorization", "Bearer legacy-secret"));
        var act = edge.postJson(
                "/api/v1/incidents/" + ID + "/acknowledge", "{}".getBytes(), "Authorization", "Bearer legacy-secret");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(act.statusCode()).isEqualTo(200);
        assertThat(edge.actions.submitted).singleElement().satisfies(action -> assertThat(action.actor())
                .isEqualTo(HttpSettings.SINGLE_TOKEN_NAME));
    }

    @Test
    void anActionWithoutAnActorIsRecordedUnderTheTokensNameAndAnExplicitActorWins() {
        edge(HttpSettings.defaults()
                .withApiTokens(List.of(new ApiToken("ops", EnumSet.of(ApiScope.READ, ApiScope.WRITE), "ops-secret"))));

        edge.postJson("/api/v1/incidents/" + ID + "/acknowledge", new byte[0], "Authorization", "Bearer ops-secret");
        edge.postJson(
                "/api/v1/incidents/" + ID + "/resolve",
                "{\"actor\":\"alice\"}".getBytes(),
                "Authorization",
                "Bearer ops-secret");

        assertThat(edge.actions.submitted).extracting(a -> a.actor()).containsExactly("ops", "alice");
    }

    @Test
    void parsesNamedTokensWithScopesAndNamesTheBadEntryWithoutItsSecret() {
        List<ApiToken> tokens = ApiTokens.parse(" ops:read,write:s3:cr3t ;\n grafana:read:t0k3n;");

        assertThat(tokens).extracting(ApiToken::name).containsExactly("ops", "grafana");
        assertThat(tokens.get(0).scopes()).containsExactlyInAnyOrder(ApiScope.READ, ApiScope.WRITE);
        assertThat(tokens.get(0).secret()).isEqualTo("s3:cr3t");
        assertThat(tokens.get(0).toString()).doesNotContain("s3:cr3t");
        assertThat(ApiTokens.parse("  ")).isEmpty();
        assertThatThrownBy(() -> ApiTokens.parse("ops:read:a;bad:root:hidden-secret"))
                .hasMessageContaining("entry 2")
                .hasMessageContaining("'root'")
                .hasMessageNotContaining("hidden-secret");
        assertThatThrownBy(() -> ApiTokens.parse("ops:read"))
                .hasMessageContaining("entry 1")
                .hasMessageContaining("name:scopes:token");
        assertThatThrownBy(() -> ApiTokens.parse("ops::hidden-secret")).hasMessageNotContaining("hidden-secret");
        assertThatThrownBy(() -> new ApiTokens(ApiTokens.parse("a:read:same-secret;b:write:same-secret")))
                .hasMessageContaining("'a' and 'b'")
                .hasMessageNotContaining("same-secret");
        assertThatThrownBy(() -> new ApiTokens(ApiTokens.parse("a:read:one;a:write:two")))
                .hasMessageContaining("'a' is used twice");
    }

    @Test
    void identifiesTheTokenOnlyWithTheBearerScheme() {
        ApiTokens tokens = new ApiTokens(ApiTokens.parse("ops:read:abc;ci:write:xyz"));

        assertThat(tokens.identify("Bearer xyz"))
                .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("ci"));
        assertThat(tokens.identify("bearer abc"))
                .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("ops"));
        assertThat(tokens.identify("Basic abc")).isEmpty();
        assertThat(tokens.identify("Bearer ab")).isEmpty();
        assertThat(tokens.identify(null)).isEmpty();
    }
}
