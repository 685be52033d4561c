package io.kubemate.app.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped {@code logback.xml}: text by default, JSON by {@code KUBEMATE_LOG_FORMAT}, incident ids from the MDC. */
class LogFormatTest {
    @Test
    void jsonLinesCarryTheIncidentId() throws Exception {
        // when
        String out = logWith("json");

        // then
        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("loggerName").asText()).isEqualTo("io.kubemate.test");
        assertThat(first.get("message").asText()).isEqualTo("summary for inc-7 failed");
        assertThat(first.get("mdc").get("incident_id").asText()).isEqualTo("inc-7");
        assertThat(new ObjectMapper()
                        .readTree(lines[1])
                        .path("mdc")
                        .path("incident_id")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void textIsTheDefaultAndNamesTheIncidentOnlyWhenThereIsOne() throws Exception {
        // when
        String out = logWith(null);

        // then
        String[] lines = out.strip().split("\n");
        assertThat(lines[0]).endsWith("WARN  io.kubemate.test - summary for inc-7 failed [incident inc-7]");
        assertThat(lines[1]).endsWith("INFO  io.kubemate.test - no incident here");
    }

    private static String logWith(String format) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            if (format != null) {
                context.putProperty("KUBEMATE_LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            // a warning would make logback print its whole status on every start
            assertThat(new StatusUtil(context).getHighestLevel(0)).isLessThan(Status.WARN);
            var log = context.getLogger("io.kubemate.test");
            context.getMDCAdapter().put("incident_id", "inc-7");
            log.warn("summary for inc-7 failed");
            context.getMDCAdapter().remove("incident_id");
            log.info("no incident here");
        } finally {
            context.stop();
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
