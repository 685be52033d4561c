package io.kubemate.streams.templates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy as Loghub defines it (J. Zhu et al., "Tools and Benchmarks for Automated Log Parsing", ICSE-SEIP
 * 2019): a line is parsed correctly when the set of lines in its mined group is exactly the set of lines of its
 * ground-truth template; the accuracy is the share of such lines.
 */
final class GroupingAccuracy {
    private GroupingAccuracy() {}

    /** {@code mined.get(i)} and {@code truth.get(i)} are line i's mined group and true template. */
    static double of(List<String> mined, List<String> truth) {
        if (mined.size() != truth.size()) {
            throw new IllegalArgumentException("mined " + mined.size() + " lines, truth " + truth.size());
        }
        // a mined group is correct when it holds as many lines as its (single) true template, and only those
        Map<String, Integer> truthSizes = count(truth);
        Map<String, Integer> minedSizes = count(mined);
        Map<String, String> truthOfGroup = new HashMap<>();
        Map<String, Boolean> pure = new HashMap<>();
        for (int i = 0; i < mined.size(); i++) {
            String previous = truthOfGroup.putIfAbsent(mined.get(i), truth.get(i));
            if (previous != null && !previous.equals(truth.get(i))) {
                pure.put(mined.get(i), false);
            }
        }
        int correct = 0;
        for (Map.Entry<String, Integer> group : minedSizes.entrySet()) {
            String t = truthOfGroup.get(group.getKey());
            if (pure.getOrDefault(group.getKey(), true) && truthSizes.get(t).equals(group.getValue())) {
                correct += group.getValue();
            }
        }
        return (double) correct / mined.size();
    }

    private static Map<String, Integer> count(List<String> labels) {
        Map<String, Integer> counts = new HashMap<>();
        for (String label : labels) {
            counts.merge(label, 1, Integer::sum);
        }
        return counts;
    }
}
