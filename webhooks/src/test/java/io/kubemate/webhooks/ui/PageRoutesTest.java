package io.kubemate.webhooks.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.Route;
import io.kubemate.webhooks.http.TestEdge;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PageRoutesTest {
    private final TestEdge edge = new TestEdge(HttpSettings.defaults().withApiToken("s3cret"));

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void thePageAndItsAssetsNeedNoTokenAndForbidForeignContent() {
        for (String path : List.of("/", "/ui/app.js", "/ui/app.css")) {
            var response = edge.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
        assertThat(edge.get("/").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(edge.get("/ui/app.js").body()).contains("/incidents/stream");
        assertThat(edge.get("/api/v1/incidents").statusCode()).isEqualTo(401);
    }

    @Test
    void pageRoutesAreStaticGetsOutsideTheApiAndDeliberatelyNotInTheOpenApiDocument() throws IOException {
        var doc = new ObjectMapper()
                .readTree(edge.send(edge.request("/api/v1/openapi.json").header("Authorization", "Bearer s3cret"))
                        .body());
        Set<String> apiPaths = new HashSet<>();
        for (Route route : edge.server.routes()) {
            apiPaths.add(route.path());
        }

        assertThat(edge.server.pageRoutes()).isNotEmpty().allSatisfy(route -> {
            assertThat(route.method()).isEqualTo(HandlerType.GET);
            assertThat(route.path()).doesNotStartWith("/api").doesNotStartWith("/webhooks");
            assertThat(doc.get("paths").has(route.path())).as(route.path()).isFalse();
            assertThat(apiPaths).doesNotContain(route.path());
        });
    }

    @Test
    void thePageInsertsApiDataAsTextAndLoadsNothingFromElsewhere() throws IOException {
        String script = resource("app.js");
        String html = resource("index.html");
        String style = resource("app.css");

        // alert labels, annotations and log lines are untrusted: they must never be parsed as markup
        assertThat(script)
                .doesNotContain("innerHTML")
                .doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write")
                .doesNotContain("eval(");
        for (String text : List.of(script, html, style)) {
            assertThat(text).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("@import");
        }
        assertThat(html).doesNotContain("<script>").doesNotContain("style=\"");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PageRoutes.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
