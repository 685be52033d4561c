package io.kubemate.rag.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cuts markdown into chunks by headings (outside code fences), and long sections by paragraphs. */
final class MarkdownChunks {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    /** One chunk: the heading path ({@code Checkout DB > Mitigation}, empty before the first heading) and the text. */
    record Chunk(String heading, String text) {}

    private MarkdownChunks() {}

    /** The chunks of {@code markdown}, each at most about {@code maxChars}, heading path first. */
    static List<Chunk> of(String markdown, int maxChars) {
        List<Chunk> chunks = new ArrayList<>();
        String[] path = new String[6];
        String heading = "";
        StringBuilder body = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                fenced = !fenced;
            }
            Matcher matcher = fenced ? null : HEADING.matcher(line);
            if (matcher != null && matcher.matches()) {
                section(heading, body.toString(), maxChars, chunks);
                body.setLength(0);
                int level = matcher.group(1).length();
                path[level - 1] = matcher.group(2);
                for (int i = level; i < path.length; i++) {
                    path[i] = null;
                }
                heading = headingPath(path);
            } else {
                body.append(line).append('\n');
            }
        }
        section(heading, body.toString(), maxChars, chunks);
        return chunks;
    }

    private static String headingPath(String[] path) {
        List<String> parts = new ArrayList<>();
        for (String part : path) {
            if (part != null && !part.isEmpty()) {
                parts.add(part);
            }
        }
        return String.join(" > ", parts);
    }

    private static void section(String heading, String body, int maxChars, List<Chunk> chunks) {
        String text = body.strip();
        if (text.isEmpty()) {
            return;
        }
        String prefix = heading.isEmpty() ? "" : heading + "\n";
        int room = Math.max(100, maxChars - prefix.length());
        StringBuilder part = new StringBuilder();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            for (String piece : pieces(paragraph.strip(), room)) {
                if (part.length() > 0 && part.length() + 2 + piece.length() > room) {
                    chunks.add(new Chunk(heading, prefix + part));
                    part.setLength(0);
                }
                part.append(part.length() > 0 ? "\n\n" : "").append(piece);
            }
        }
        if (part.length() > 0) {
            chunks.add(new Chunk(heading, prefix + part));
        }
    }

    /** {@code paragraph} cut into pieces of at most {@code room} characters, at whitespace where there is some. */
    private static List<String> pieces(String paragraph, int room) {
        List<String> pieces = new ArrayList<>();
        String rest = paragraph;
        while (rest.length() > room) {
            int cut = rest.lastIndexOf(' ', room);
            cut = cut < room / 2 ? room : cut;
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
