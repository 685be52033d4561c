package io.kubemate.streams.templates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * The labelled corpus for grouping accuracy: hand-written ground-truth templates per system ({@link LogSystems}) and
 * a deterministic instantiation of them with realistic variable values ({@link Values}).
 *
 * <p>A template is written as the whole line, header included, with {@code ${name}} where a variable goes. The ground
 * truth of a line is the template it was made from; the template text shown in {@code <system>.templates} replaces
 * every {@code ${...}} with {@code <*>}. What counts as a variable: a value that changes from one occurrence of the
 * event to the next (ids, numbers, names of users, hosts, pods, tables, HTTP methods and status codes, free text such
 * as SQL statements or commands); what stays is the text the logging statement fixes. Several templates carry
 * variables made of words or of a varying number of words, on purpose.
 *
 * <p>Regenerate the committed files with {@code main} (argument: the output folder, by default {@code
 * streams/src/test/resources/templates}); the output depends only on {@link #SEED}.
 */
final class LogCorpus {
    static final long SEED = 20_240_311L;
    static final int LINES_PER_SYSTEM = 2_500;

    /** One hand-written template: an id, a relative frequency and the line pattern. */
    record Template(String id, int weight, String pattern) {
        String truthText() {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < pattern.length()) {
                int open = pattern.indexOf("${", i);
                if (open < 0) {
                    sb.append(pattern, i, pattern.length());
                    break;
                }
                sb.append(pattern, i, open).append("<*>");
                i = pattern.indexOf('}', open) + 1;
            }
            return sb.toString();
        }
    }

    /**
     * A system's log style: its templates, and how one drawn template unfolds into lines (a stack trace follows an
     * error, say).
     */
    record LogSystem(String name, List<Template> templates, BiFunction<Template, Random, List<Template>> unfold) {}

    /** A generated line and the id of the template it was made from. */
    record Line(String text, String truth) {}

    private LogCorpus() {}

    static List<Line> generate(LogSystem system, int lines) {
        Random random = new Random(SEED ^ system.name().hashCode());
        Values values = new Values(random);
        int total = system.templates().stream().mapToInt(Template::weight).sum();
        List<Line> out = new ArrayList<>(lines);
        while (out.size() < lines) {
            int pick = random.nextInt(total);
            Template drawn = null;
            for (Template t : system.templates()) {
                pick -= t.weight();
                if (pick < 0) {
                    drawn = t;
                    break;
                }
            }
            values.tick();
            for (Template t : system.unfold().apply(drawn, random)) {
                if (out.size() < lines) {
                    out.add(new Line(values.fill(t.pattern()), t.id()));
                }
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "streams/src/test/resources/templates");
        Files.createDirectories(dir);
        for (LogSystem system : LogSystems.all()) {
            List<Line> lines = generate(system, LINES_PER_SYSTEM);
            StringBuilder log = new StringBuilder();
            StringBuilder truth = new StringBuilder();
            for (Line line : lines) {
                log.append(line.text()).append('\n');
                truth.append(line.truth()).append('\n');
            }
            Map<String, String> templates = new LinkedHashMap<>();
            for (Template t : system.templates()) {
                templates.put(t.id(), t.truthText());
            }
            StringBuilder tsv = new StringBuilder();
            templates.forEach(
                    (id, text) -> tsv.append(id).append('\t').append(text).append('\n'));
            Files.writeString(dir.resolve(system.name() + ".log"), log, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(system.name() + ".truth"), truth, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(system.name() + ".templates"), tsv, StandardCharsets.UTF_8);
        }
    }
}
