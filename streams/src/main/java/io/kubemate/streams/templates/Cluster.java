package io.kubemate.streams.templates;

/**
 * One template: its tokens (dictionary ids), a cached text and how many lines it took. A tail template's last token
 * stands for one or more tokens; a template merged into another forwards to it.
 */
final class Cluster {
    final int number;
    final String id;
    int[] tokens;
    long lines;
    boolean tail;
    Cluster mergedInto;
    private String text;

    Cluster(int number, int[] tokens) {
        this.number = number;
        this.id = "T" + number;
        this.tokens = tokens;
    }

    String text(TokenDictionary dictionary) {
        if (text == null) {
            StringBuilder sb = new StringBuilder(tokens.length * 8);
            for (int i = 0; i < tokens.length; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(dictionary.text(tokens[i]));
            }
            text = sb.toString();
        }
        return text;
    }

    /** Whether lines may still join it where it is listed by token count (not a tail, not merged away). */
    boolean isFixedLength() {
        return !tail && mergedInto == null;
    }

    void changed() {
        text = null;
    }
}
