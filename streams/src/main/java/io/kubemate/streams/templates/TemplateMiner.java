package io.kubemate.streams.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An online log template miner of the Drain family: P. He, J. Zhu, Z. Zheng and M. R. Lyu, "Drain: An Online Log
 * Parsing Approach with Fixed Depth Tree", IEEE ICWS 2017.
 *
 * <p>Each line is tokenized and its variables masked by a hand-written scanner (see {@link LineTokenizer}: numbers,
 * hex, ids, IPv4/IPv6, UUIDs, durations, timestamps, paths, URLs, e-mail addresses and variable {@code key=value}
 * values become {@code <*>}; quoted strings and bracket groups opened inside a token stay one token). A fixed-depth
 * parse tree then finds candidate templates: the first layer is keyed by the token count, the next {@code depth - 2}
 * layers by the leading tokens (a masked token, or one not among a node's {@code maxChildren} children, takes the
 * node's {@code <*>} child). The line joins the candidate whose tokens are most often equal to its own, if that share
 * is at least {@code similarity}; the template then turns every differing token into {@code <*>} (keeping a common
 * {@code key=} prefix). Unlike Drain, a leaf that holds no similar template is not the end of the search: all
 * templates of the same token count are compared before a new one is started, and a template found that way is
 * linked under the new leaf too (at the stricter {@code fallbackSimilarity}, counting the template's {@code <*>} as
 * equal). The tree is an index, not a partition, so a variable leading token (a host name without digits, say) does
 * not split a template. Leading tokens that close a header ({@code ...]}, {@code prog[pid]:}, {@code LOG:}, a lone
 * {@code :} or {@code -}, within the first 8 tokens) are skipped when choosing the tree keys, so that keys come from
 * the message, as in Drain where a log format strips the header.
 *
 * <p>Variable-length values: a token-count-keyed tree cannot group {@code statement: <SQL>} lines whose SQL has
 * different word counts. When a line matches nothing and shares with a template of another token count a prefix that
 * holds the header and at least two constant message tokens, ends with a label ({@code statement:}, a token ending in
 * {@code :}) and is followed by different tokens, that template becomes a <em>tail template</em>: the prefix then
 * {@code <*>} for one or more tokens. Templates of other counts with the same prefix are merged into it: their numbers
 * forward to it ({@link #resolve}), and later lines get its id.
 *
 * <p>Parameters and defaults: {@link MinerSettings#defaults()} (depth 4, similarity 0.5, 100 children, 5,000
 * templates, 128 tokens a line).
 *
 * <p>Bounds: at most {@code maxTemplates} template numbers issued, merged ones included (a line that would start another one is counted in the overflow
 * template {@link Match#OVERFLOW_ID}, and {@link Match#overflow()} says so), at most {@code maxDistinctTokens} tokens
 * in the dictionary, at most {@code maxTokens} tokens a line. Template ids ({@code T1}, {@code T2}, ...) never change
 * when their template generalises; only a merge into a tail template retires an id, which then resolves to the
 * tail template's. Matching a line that fits a known template allocates only its {@link Match}.
 *
 * <p>Not thread-safe: confine an instance to one thread or guard it.
 */
public final class TemplateMiner {
    private final MinerSettings settings;
    private final TokenDictionary dictionary;
    private final LineTokenizer tokenizer;
    private final TreeNode[] roots;
    private final List<List<Cluster>> byLength;
    private final List<Cluster> clusters = new ArrayList<>();
    private final List<Cluster> tails = new ArrayList<>();
    private int active;
    private final int[] keyTokens;
    private long overflowLines;

    /** A miner with {@link MinerSettings#defaults()}. */
    public TemplateMiner() {
        this(MinerSettings.defaults());
    }

    public TemplateMiner(MinerSettings settings) {
        this.settings = settings;
        this.dictionary = new TokenDictionary(settings.maxDistinctTokens());
        this.tokenizer = new LineTokenizer(settings.maxTokens());
        this.roots = new TreeNode[settings.maxTokens() + 1];
        this.byLength = new ArrayList<>(settings.maxTokens() + 1);
        for (int i = 0; i <= settings.maxTokens(); i++) {
            byLength.add(null);
        }
        this.keyTokens = new int[settings.depth() - 2];
        clusters.add(null); // number 0 is the overflow template
    }

    public MinerSettings settings() {
        return settings;
    }

    /** Learns from {@code line}: the template it joined (perhaps generalised by it) or started. */
    public Match add(String line) {
        tokenizer.tokenize(line, dictionary);
        int n = tokenizer.count;
        int[] ids = tokenizer.ids;
        Cluster best = search(ids, n, true);
        if (best == null) {
            best = searchTails(ids, n);
        }
        if (best == null) {
            best = formTail(ids, n);
        }
        if (best != null) {
            best.lines++;
            generalise(best, ids, best.tail ? best.tokens.length - 1 : n);
            return new Match(best.number, best.id, best.text(dictionary), false, false);
        }
        if (clusters.size() > settings.maxTemplates()) {
            overflowLines++;
            return new Match(Match.OVERFLOW_NUMBER, Match.OVERFLOW_ID, Match.OVERFLOW_TEMPLATE, false, true);
        }
        Cluster created = create(n);
        created.lines++;
        return new Match(created.number, created.id, created.text(dictionary), true, false);
    }

    /** The template {@code line} belongs to without learning anything; {@link Match#isMatched()} is false if none. */
    public Match match(String line) {
        tokenizer.tokenize(line, dictionary);
        Cluster best = search(tokenizer.ids, tokenizer.count, false);
        if (best == null) {
            best = searchTails(tokenizer.ids, tokenizer.count);
        }
        if (best == null) {
            StringBuilder masked = new StringBuilder(line.length());
            for (int i = 0; i < tokenizer.count; i++) {
                masked.append(i == 0 ? "" : " ").append(tokenizer.text(i));
            }
            return Match.none(masked.toString());
        }
        return new Match(best.number, best.id, best.text(dictionary), false, false);
    }

    /** Number of templates, the overflow template and templates merged into others not counted. */
    public int size() {
        return active;
    }

    /**
     * The number of the template that template {@code number} now is: itself, or the variable-length template it was
     * merged into (see the class comment). Unknown numbers are returned as they are.
     */
    public int resolve(int number) {
        if (number <= 0 || number >= clusters.size()) {
            return number;
        }
        Cluster c = clusters.get(number);
        while (c.mergedInto != null) {
            c = c.mergedInto;
        }
        return c.number;
    }

    /** Lines that went to the overflow template because the miner was full. */
    public long overflowLines() {
        return overflowLines;
    }

    /** Template numbers issued so far (merged ones included): numbers run from 1 to this. */
    public int issued() {
        return clusters.size() - 1;
    }

    /** The current text of template {@code number}; for {@link Match#OVERFLOW_NUMBER}, the overflow text. */
    public Optional<String> template(int number) {
        if (number == Match.OVERFLOW_NUMBER) {
            return Optional.of(Match.OVERFLOW_TEMPLATE);
        }
        if (number < 0 || number >= clusters.size()) {
            return Optional.empty();
        }
        return Optional.of(clusters.get(resolve(number)).text(dictionary));
    }

    /** Lines template {@code number} took so far (overflow lines for {@link Match#OVERFLOW_NUMBER}). */
    public long lines(int number) {
        if (number == Match.OVERFLOW_NUMBER) {
            return overflowLines;
        }
        return number > 0 && number < clusters.size() ? clusters.get(resolve(number)).lines : 0;
    }

    private Cluster search(int[] ids, int n, boolean learn) {
        TreeNode leaf = descend(ids, n);
        Cluster best = null;
        double bestSimilarity = -1;
        List<Cluster> leafClusters = leaf == null ? null : leaf.clusters;
        if (leafClusters != null) {
            for (int i = 0, size = leafClusters.size(); i < size; i++) {
                Cluster c = leafClusters.get(i);
                if (!c.isFixedLength()) {
                    continue;
                }
                double similarity = similarity(c.tokens, ids, n);
                if (similarity > bestSimilarity) {
                    bestSimilarity = similarity;
                    best = c;
                }
            }
        }
        if (best != null && bestSimilarity >= settings.similarity()) {
            return best;
        }
        List<Cluster> sameLength = byLength.get(n);
        if (sameLength == null) {
            return null;
        }
        best = null;
        bestSimilarity = -1;
        for (int i = 0, size = sameLength.size(); i < size; i++) {
            Cluster c = sameLength.get(i);
            double similarity = coverage(c.tokens, ids, n);
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = c;
            }
        }
        if (best == null || bestSimilarity < settings.fallbackSimilarity()) {
            return null;
        }
        if (learn) {
            link(best, ids, n);
        }
        return best;
    }

    private TreeNode descend(int[] ids, int n) {
        TreeNode node = roots[n];
        int layers = keys(ids, n);
        for (int i = 0; i < layers && node != null; i++) {
            TreeNode next = node.child(keyTokens[i]);
            node = next != null ? next : node.wildcard;
        }
        return node;
    }

    /**
     * Fills {@link #keyTokens} with the tree keys of a line or template: its first {@code depth - 2} constant tokens
     * after the header, {@link TokenDictionary#WILDCARD} standing for none; answers how many.
     */
    private int keys(int[] tokens, int n) {
        int layers = settings.depth() - 2;
        int k = 0;
        for (int i = tokenizer.messageStart; i < n && k < layers; i++) {
            int token = tokens[i];
            if (!dictionary.isVariable(token)) {
                keyTokens[k++] = token;
            }
        }
        while (k < layers) {
            keyTokens[k++] = TokenDictionary.WILDCARD;
        }
        return layers;
    }

    /**
     * Share of the template's positions equal to the line's, not counting positions the template has generalised to
     * {@code <*>} where the line holds a variable too (they tell nothing).
     */
    private double similarity(int[] template, int[] ids, int n) {
        int equal = 0;
        int counted = 0;
        for (int i = 0; i < n; i++) {
            int t = template[i];
            if (t == TokenDictionary.WILDCARD && (ids[i] == t || dictionary.isVariable(ids[i]))) {
                continue;
            }
            counted++;
            if (t == ids[i]) {
                equal++;
            }
        }
        return counted == 0 ? 1 : (double) equal / counted;
    }

    /** Share of positions where the template holds the line's token or {@code <*>} (used across leaves). */
    private static double coverage(int[] template, int[] ids, int n) {
        if (n == 0) {
            return 1;
        }
        int equal = 0;
        for (int i = 0; i < n; i++) {
            int t = template[i];
            if (t == ids[i] || t == TokenDictionary.WILDCARD) {
                equal++;
            }
        }
        return (double) equal / n;
    }

    private Cluster create(int n) {
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            int id = tokenizer.ids[i];
            if (id < 0) {
                id = dictionary.intern(
                        tokenizer.chars(), tokenizer.starts[i], tokenizer.lengths[i], tokenizer.hashes[i]);
                if (id < 0) {
                    id = TokenDictionary.WILDCARD; // dictionary full
                }
            }
            tokens[i] = id;
        }
        Cluster cluster = new Cluster(clusters.size(), tokens);
        clusters.add(cluster);
        active++;
        List<Cluster> sameLength = byLength.get(n);
        if (sameLength == null) {
            sameLength = new ArrayList<>(4);
            byLength.set(n, sameLength);
        }
        sameLength.add(cluster);
        link(cluster, tokens, n);
        return cluster;
    }

    /** Hangs {@code cluster} under the leaf that the tokens {@code path} lead to, creating nodes within the bounds. */
    private void link(Cluster cluster, int[] path, int n) {
        TreeNode node = roots[n];
        if (node == null) {
            node = new TreeNode();
            roots[n] = node;
        }
        int layers = keys(path, n);
        for (int i = 0; i < layers; i++) {
            int token = keyTokens[i];
            TreeNode next = null;
            if (token >= 0 && token != TokenDictionary.WILDCARD) {
                next = node.child(token);
                if (next == null && node.size() < settings.maxChildren() - 1) {
                    next = node.addChild(token);
                }
            }
            if (next == null) {
                if (node.wildcard == null) {
                    node.wildcard = new TreeNode();
                }
                next = node.wildcard;
            }
            node = next;
        }
        List<Cluster> leafClusters = node.clusters();
        if (!leafClusters.contains(cluster)) {
            leafClusters.add(cluster);
        }
    }

    /** The tail template whose prefix is most similar to the line, if at least {@code fallbackSimilarity}. */
    private Cluster searchTails(int[] ids, int n) {
        Cluster best = null;
        double bestSimilarity = -1;
        for (int i = 0, size = tails.size(); i < size; i++) {
            Cluster t = tails.get(i);
            int prefix = t.tokens.length - 1;
            if (t.mergedInto != null || n <= prefix) {
                continue;
            }
            double similarity = coverage(t.tokens, ids, prefix);
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = t;
            }
        }
        return best != null && bestSimilarity >= settings.fallbackSimilarity() ? best : null;
    }

    /**
     * Turns a template of another token count into a tail template when the line and it share a prefix that holds
     * the header, at least {@value #TAIL_MIN_CONSTANTS} constant message tokens and at least half the tokens of the
     * longer of the two, and do not end alike (a shared ending means words inserted in the middle: another event).
     * Templates of other lengths that the new tail template covers are merged into it.
     */
    private Cluster formTail(int[] ids, int n) {
        int start = tokenizer.messageStart;
        Cluster best = null;
        int bestPrefix = 0;
        for (int k = 1, size = clusters.size(); k < size; k++) {
            Cluster c = clusters.get(k);
            int m = c.tokens.length;
            if (!c.isFixedLength() || m == n || n == 0 || m == 0 || c.tokens[m - 1] == ids[n - 1]) {
                continue;
            }
            int p = commonPrefix(c.tokens, ids, start, Math.min(m, n));
            if (p > bestPrefix
                    && p < Math.min(m, n)
                    && endsWithLabel(ids[p - 1])
                    && constants(ids, start, p) >= TAIL_MIN_CONSTANTS) {
                best = c;
                bestPrefix = p;
            }
        }
        if (best == null) {
            return null;
        }
        toTail(best, bestPrefix);
        for (int k = 1, size = clusters.size(); k < size; k++) {
            Cluster d = clusters.get(k);
            if (d != best
                    && d.isFixedLength()
                    && d.tokens.length > bestPrefix
                    && commonPrefix(best.tokens, d.tokens, start, bestPrefix) == bestPrefix) {
                best.lines += d.lines;
                for (int i = 0; i < bestPrefix; i++) {
                    if (best.tokens[i] != d.tokens[i]) {
                        best.tokens[i] = TokenDictionary.WILDCARD;
                        best.changed();
                    }
                }
                unlist(d);
                d.mergedInto = best;
                d.tokens = new int[0];
                active--;
            }
        }
        return best;
    }

    static final int TAIL_MIN_CONSTANTS = 2;

    private void toTail(Cluster c, int prefix) {
        unlist(c);
        int[] tokens = java.util.Arrays.copyOf(c.tokens, prefix + 1);
        tokens[prefix] = TokenDictionary.WILDCARD;
        c.tokens = tokens;
        c.tail = true;
        c.changed();
        tails.add(c);
    }

    private void unlist(Cluster c) {
        List<Cluster> sameLength = byLength.get(c.tokens.length);
        if (sameLength != null) {
            sameLength.remove(c); // leaves keep it but skip it: it is no longer isFixedLength()
        }
    }

    /**
     * Length of the common prefix: header positions (before {@code messageStart}) always count, message positions
     * when {@code template} holds the token or {@code <*>}.
     */
    private static int commonPrefix(int[] template, int[] ids, int messageStart, int max) {
        int p = Math.min(messageStart, max);
        while (p < max && (template[p] == ids[p] || template[p] == TokenDictionary.WILDCARD)) {
            p++;
        }
        return p;
    }

    /** Whether the token introduces free text: it ends with {@code :} ({@code statement:}, {@code reason:}). */
    private boolean endsWithLabel(int token) {
        if (token < 0 || dictionary.isVariable(token)) {
            return false;
        }
        char[] chars = dictionary.chars(token);
        return chars.length > 1 && chars[chars.length - 1] == ':';
    }

    private int constants(int[] ids, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (!dictionary.isVariable(ids[i])) {
                count++;
            }
        }
        return count;
    }

    private void generalise(Cluster cluster, int[] ids, int n) {
        int[] tokens = cluster.tokens;
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            if (tokens[i] != ids[i] && tokens[i] != TokenDictionary.WILDCARD) {
                int general = generalised(tokens[i], i);
                changed |= general != tokens[i];
                tokens[i] = general;
            }
        }
        if (changed) {
            cluster.changed();
        }
    }

    /** {@code <*>}, or {@code key=<*>} when the template token and line token {@code i} share that key. */
    private int generalised(int templateToken, int i) {
        char[] a = dictionary.chars(templateToken);
        char[] line = tokenizer.chars();
        int start = tokenizer.starts[i];
        int len = tokenizer.lengths[i];
        int common = 0;
        while (common < a.length && common < len && a[common] == line[start + common]) {
            char c = a[common++];
            if (c == '=' || (c == ':' && common > 1 && a[common - 2] == '"')) {
                if (common + 3 == a.length && dictionary.isVariable(templateToken)) {
                    return templateToken; // already key=<*>
                }
                String key = new String(a, 0, common) + TokenDictionary.WILDCARD_TEXT;
                int id = dictionary.intern(key);
                return id < 0 ? TokenDictionary.WILDCARD : id;
            }
        }
        return TokenDictionary.WILDCARD;
    }
}
