package io.kubemate.app.cli;

import io.kubemate.streams.templates.TemplateMiner;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubemate templates FILE|-}: mines log templates from a file (or standard input) and prints, for each input
 * line in order, {@code template-id<TAB>template} and nothing else on standard output, so that anyone can score the
 * grouping against their own labels. A one-line summary goes to standard error.
 *
 * <p>The template printed is the <em>final</em> template of the line's group: all lines are learned first (one pass,
 * remembering each line's template number only, 4 bytes a line), then the numbers are resolved to the templates as
 * they stand at the end ({@link TemplateMiner#resolve}: a template merged into a variable-length one prints as that
 * one). Ids never change while templates generalise; the printed text is the final one.
 */
public final class TemplatesCommand {
    static final String USAGE =
            "usage: kubemate templates FILE|-   (one line out per line in: template-id<TAB>template)";

    private TemplatesCommand() {}

    /** Returns 0 on success, 1 when the input cannot be read, 2 on a usage error. */
    public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            err.println(USAGE);
            return 2;
        }
        String source = args.get(0);
        try (BufferedReader reader = source.equals("-")
                ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8)) {
            return mine(reader, out, err);
        } catch (NoSuchFileException e) {
            err.println("kubemate templates: no such file: " + source);
            return 1;
        } catch (IOException e) {
            err.println("kubemate templates: cannot read " + source + ": " + e.getMessage());
            return 1;
        }
    }

    private static int mine(BufferedReader reader, PrintStream out, PrintStream err) throws IOException {
        TemplateMiner miner = new TemplateMiner();
        int[] numbers = new int[1 << 16];
        int lines = 0;
        long started = System.nanoTime();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (lines == numbers.length) {
                numbers = Arrays.copyOf(numbers, numbers.length * 2);
            }
            numbers[lines++] = miner.add(line).number();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String[] ids = new String[miner.issued() + 1];
        String[] texts = new String[miner.issued() + 1];
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        for (int i = 0; i < lines; i++) {
            int n = miner.resolve(numbers[i]);
            if (ids[n] == null) {
                ids[n] = "T" + n;
                texts[n] = miner.template(n).orElse("");
            }
            writer.write(ids[n]);
            writer.write('\t');
            writer.write(texts[n]);
            writer.write('\n');
        }
        writer.flush();
        err.printf(
                Locale.ROOT,
                "kubemate templates: %d lines, %d templates, %d overflow lines, %.0f lines/s%n",
                lines,
                miner.size(),
                miner.overflowLines(),
                seconds > 0 ? lines / seconds : 0);
        return 0;
    }
}
