package io.kubemate.streams.templates;

/** One template: its tokens (dictionary ids), a cached text and how many lines it took. */
final class Cluster {
    final int number;
    final String id;
    final int[] tokens;
    long lines;
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

    void changed() {
        text = null;
    }
}
