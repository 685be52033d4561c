package io.kubemate.streams.templates;

import java.util.ArrayList;
import java.util.List;

/** A node of the parse tree: children keyed by token id (open addressing), a {@code <*>} child, and at a leaf the clusters. */
final class TreeNode {
    private int[] keys = new int[8];
    private TreeNode[] children = new TreeNode[8];
    private int size;
    TreeNode wildcard;
    List<Cluster> clusters;

    TreeNode child(int token) {
        if (token < 0) {
            return null;
        }
        int mask = keys.length - 1;
        for (int slot = (token * 0x9E3779B1) >>> 16 & mask; ; slot = (slot + 1) & mask) {
            TreeNode child = children[slot];
            if (child == null) {
                return null;
            }
            if (keys[slot] == token) {
                return child;
            }
        }
    }

    int size() {
        return size;
    }

    TreeNode addChild(int token) {
        if ((size + 1) * 2 > keys.length) {
            int[] oldKeys = keys;
            TreeNode[] oldChildren = children;
            keys = new int[keys.length * 2];
            children = new TreeNode[keys.length];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldChildren[i] != null) {
                    put(oldKeys[i], oldChildren[i]);
                }
            }
        }
        TreeNode child = new TreeNode();
        put(token, child);
        return child;
    }

    private void put(int token, TreeNode child) {
        int mask = keys.length - 1;
        int slot = (token * 0x9E3779B1) >>> 16 & mask;
        while (children[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = token;
        children[slot] = child;
        size++;
    }

    List<Cluster> clusters() {
        if (clusters == null) {
            clusters = new ArrayList<>(2);
        }
        return clusters;
    }
}
