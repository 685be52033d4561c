package io.kubemate.streams.templates;

import io.kubemate.core.error.InvalidInputException;

/**
 * Parameters of a {@link TemplateMiner}.
 *
 * @param depth depth of the parse tree as Drain counts it: root, token-count layer, then {@code depth - 2} layers keyed
 *     by the leading tokens (Drain's default is 4)
 * @param similarity a line joins the most similar template of its token count when the share of its tokens equal to
 *     the template's is at least this (0–1; Drain's {@code st}, 0.4 in Drain3)
 * @param fallbackSimilarity when the leaf holds no similar template, a line joins the template of its token count
 *     elsewhere in the tree that holds its token or {@code <*>} at the largest share of positions, if that share is at
 *     least this; stricter than {@code similarity} because the leading tokens differ
 * @param maxChildren most children per tree node; further tokens share the node's {@code <*>} child (Drain's {@code
 *     maxChild}, 100)
 * @param maxTemplates most templates; a line that would start another one goes to the overflow template instead
 * @param maxTokens tokens per line considered; the rest of a longer line counts as one variable token
 * @param maxDistinctTokens bound of the token dictionary; once full, an unseen token in a new template becomes
 *     {@code <*>}
 */
public record MinerSettings(
        int depth,
        double similarity,
        double fallbackSimilarity,
        int maxChildren,
        int maxTemplates,
        int maxTokens,
        int maxDistinctTokens) {

    public MinerSettings {
        if (depth < 3 || depth > 8) {
            throw new InvalidInputException("/depth", "depth must be within 3..8, was " + depth);
        }
        if (!(similarity > 0 && similarity <= 1)) {
            throw new InvalidInputException("/similarity", "similarity must be within (0, 1], was " + similarity);
        }
        if (!(fallbackSimilarity > 0 && fallbackSimilarity <= 1)) {
            throw new InvalidInputException(
                    "/fallbackSimilarity", "fallbackSimilarity must be within (0, 1], was " + fallbackSimilarity);
        }
        if (maxChildren < 2) {
            throw new InvalidInputException("/maxChildren", "maxChildren must be at least 2, was " + maxChildren);
        }
        if (maxTemplates < 1) {
            throw new InvalidInputException("/maxTemplates", "maxTemplates must be positive, was " + maxTemplates);
        }
        if (maxTokens < 4 || maxTokens > 4096) {
            throw new InvalidInputException("/maxTokens", "maxTokens must be within 4..4096, was " + maxTokens);
        }
        if (maxDistinctTokens < 16) {
            throw new InvalidInputException(
                    "/maxDistinctTokens", "maxDistinctTokens must be at least 16, was " + maxDistinctTokens);
        }
    }

    /**
     * Depth 4, similarity 0.5, fallback similarity 0.8, 100 children, 5,000 templates, 128 tokens a line, 500,000
     * distinct tokens.
     */
    public static MinerSettings defaults() {
        return new MinerSettings(4, 0.5, 0.8, 100, 5_000, 128, 500_000);
    }

    /** These settings with at most {@code max} templates. */
    public MinerSettings withMaxTemplates(int max) {
        return new MinerSettings(depth, similarity, fallbackSimilarity, maxChildren, max, maxTokens, maxDistinctTokens);
    }

    /** These settings with similarity threshold {@code threshold}. */
    public MinerSettings withSimilarity(double threshold) {
        return new MinerSettings(
                depth, threshold, fallbackSimilarity, maxChildren, maxTemplates, maxTokens, maxDistinctTokens);
    }
}
