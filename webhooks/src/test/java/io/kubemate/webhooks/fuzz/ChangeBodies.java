package io.kubemate.webhooks.fuzz;

import static io.kubemate.webhooks.fuzz.Receivers.utf8;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Change event bodies in every accepted shape (a plain change, a list of them, a structured CloudEvent, a batch, a
 * Tekton PipelineRun event, base64 data), written after the documented formats: no change sender was captured for
 * the shared fixtures. And hostile CloudEvents binary-mode headers.
 */
final class ChangeBodies {
    private static final String PLAIN = "{\"service\":\"payments\",\"version\":\"3.2.1\",\"kind\":\"deploy\","
            + "\"time\":\"2026-11-25T16:47:30Z\",\"url\":\"https://ci/runs/1\",\"author\":\"jane\",\"cluster\":\"prod-eu-1\"}";
    private static final String STRUCTURED =
            "{\"specversion\":\"1.0\",\"id\":\"evt-1\",\"source\":\"/argocd/payments\","
                    + "\"type\":\"io.argoproj.sync.succeeded\",\"time\":\"2026-11-25T16:47:30Z\",\"subject\":\"payments\","
                    + "\"datacontenttype\":\"application/json\",\"data\":{\"service\":\"payments\",\"version\":\"3.2.1\"}}";
    private static final String TEKTON = "{\"specversion\":\"1.0\",\"id\":\"evt-2\",\"source\":\"/apis/tekton.dev/v1/"
            + "namespaces/ci/pipelineruns/payments-deploy-x7k2p\",\"type\":\"dev.tekton.event.pipelinerun.successful.v1\","
            + "\"subject\":\"payments-deploy-x7k2p\",\"data\":{\"pipelineRun\":{\"metadata\":{\"name\":\"payments-deploy-x7k2p\","
            + "\"labels\":{\"app.kubernetes.io/name\":\"payments\"}},\"spec\":{\"params\":[{\"name\":\"git-revision\","
            + "\"value\":\"a1b2c3d\"}]},\"status\":{\"completionTime\":\"2026-11-25T16:47:30Z\","
            + "\"pipelineResults\":[{\"name\":\"IMAGE_TAG\",\"value\":\"3.2.1\"}]}}}}";

    private ChangeBodies() {}

    static List<byte[]> all() {
        String base64 =
                "{\"specversion\":\"1.0\",\"id\":\"evt-3\",\"source\":\"/ci\",\"type\":\"deploy\",\"data_base64\":\""
                        + Base64.getEncoder().encodeToString(utf8(PLAIN)) + "\"}";
        return List.of(
                utf8(PLAIN),
                utf8("[" + PLAIN + "," + PLAIN.replace("3.2.1", "3.2.2") + "]"),
                utf8(STRUCTURED),
                utf8("[" + STRUCTURED + "," + STRUCTURED.replace("evt-1", "evt-9") + "]"),
                utf8(TEKTON),
                utf8(base64));
    }

    /** CloudEvents binary-mode attributes, valid or hostile (wrong version, long, badly percent-encoded, empty). */
    static Map<String, String> binaryModeHeaders(Random random) {
        return Receivers.ordered(
                "ce-specversion", pick(random, "1.0", "1.0", "1.0", "0.3", "2.0", "1.0 ", "%31.0"),
                "ce-id", hostile(random, "evt-7"),
                "ce-source", hostile(random, "/ci/payments"),
                "ce-type", pick(random, "deploy", "dev.tekton.event.pipelinerun.failed.v1", "dev.tekton.event.", "x"),
                "ce-time", pick(random, "2026-11-25T16:47:30Z", "", "yesterday", "2026-13-45T99:99:99Z", "%32026"),
                "ce-subject", hostile(random, "payments"),
                "ce-service", hostile(random, "payments"));
    }

    private static String hostile(Random random, String valid) {
        return switch (random.nextInt(8)) {
            case 0 -> "x".repeat(1_000 + random.nextInt(2_000));
            case 1 -> "%zz" + valid;
            case 2 -> valid + "%";
            case 3 -> "%FF%FE" + valid;
            case 4 -> "%00" + valid;
            case 5 -> " ";
            default -> valid;
        };
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
